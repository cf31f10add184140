package io.videoseq.training.eval;

import io.videoseq.inference.Logits;
import io.videoseq.inference.Scorer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.BaseOutputLayer;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a graph in inference mode over every batch of an iterator (features {@code [batch, features, time]},
 * mask {@code [batch, time]} with 1 = real step, one-hot labels) and collects probabilities, labels and loss: the
 * validation pass of training.
 *
 * <p>Each batch goes through the {@link Scorer}'s forward pass, which yields the probabilities and the {@link Logits}
 * of the same pass; the loss is the output layer's own loss function applied to those logits, as DL4J computes it
 * in {@code score}, without the weight-decay penalty DL4J's score would add.
 */
public final class Predictor {

    private Predictor() {
    }

    /** Predictions over all remaining batches of {@code batches} (reset first when it supports it). */
    public static Predictions predict(ComputationGraph graph, DataSetIterator batches) {
        ILossFunction loss = ((BaseOutputLayer<?>) graph.getLayer(Logits.outputLayer(graph))).layerConf().getLossFn();
        if (batches.resetSupported()) {
            batches.reset();
        }
        List<INDArray> probs = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        double lossSum = 0;
        while (batches.hasNext()) {
            DataSet ds = batches.next();
            if (ds.getLabels() == null) {
                throw new IllegalArgumentException("cannot compute the loss of a batch without labels");
            }
            Scorer.Forward out = Scorer.forward(graph, ds.getFeatures(), ds.getFeaturesMaskArray(), true);
            lossSum += loss.computeScoreArray(ds.getLabels(), out.logits(), new ActivationSoftmax(), null)
                    .sumNumber().doubleValue();
            probs.add(out.probabilities());
            for (long y : Nd4j.argMax(ds.getLabels(), 1).toLongVector()) {
                labels.add((int) y);
            }
        }
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("cannot evaluate: the iterator delivered no examples");
        }
        INDArray all = Nd4j.vstack(probs.toArray(new INDArray[0]));
        return new Predictions(all, labels.stream().mapToInt(Integer::intValue).toArray(), lossSum / labels.size());
    }
}
