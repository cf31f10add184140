package io.videoseq.training.run;

import io.videoseq.data.SequenceBatchIterator;
import io.videoseq.training.TrainConfig;
import io.videoseq.training.callback.TrainingCallback;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

/**
 * One JVM: {@code graph.fit(batch)} for every batch in order; loss and training accuracy come from the training
 * forward pass itself ({@link BatchObserver}), without a second pass.
 */
final class LocalEpochFitter implements EpochFitter {

    @Override
    public int iterationsPerEpoch(int batchesPerEpoch, TrainConfig config) {
        return batchesPerEpoch;
    }

    @Override
    public EpochFit fit(ComputationGraph graph, SequenceBatchIterator batches, int epoch,
                        List<TrainingCallback> callbacks) {
        BatchObserver observer = new BatchObserver(graph.getConfiguration().getNetworkOutputs().get(0));
        graph.addListeners(observer);
        try {
            double lossSum = 0;
            int batchCount = 0;
            int correct = 0;
            int seen = 0;
            while (batches.hasNext()) {
                DataSet ds = batches.next();
                graph.fit(ds);
                int[] predicted = observer.lastPredictions();
                int[] truth = Nd4j.argMax(ds.getLabels(), 1).toIntVector();
                for (int i = 0; i < truth.length; i++) {
                    correct += predicted[i] == truth[i] ? 1 : 0;
                }
                seen += truth.length;
                lossSum += observer.lastLoss();
                batchCount++;
                for (TrainingCallback cb : callbacks) {
                    cb.onBatchEnd(graph.getConfiguration().getIterationCount(), observer.lastLoss(), truth.length);
                }
            }
            return new EpochFit(lossSum / batchCount, 100.0 * correct / seen);
        } finally {
            List<TrainingListener> rest = new ArrayList<>(graph.getListeners());
            rest.remove(observer);
            graph.setListeners(rest);
        }
    }
}
