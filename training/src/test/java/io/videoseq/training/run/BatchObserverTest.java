package io.videoseq.training.run;

import io.videoseq.data.FeatureFile;
import io.videoseq.data.FeatureSplits;
import io.videoseq.data.ReadMode;
import io.videoseq.data.SequenceBatchIterator;
import io.videoseq.data.Split;
import io.videoseq.model.ModelConfig;
import io.videoseq.training.TrainConfig;
import io.videoseq.training.eval.Predictions;
import io.videoseq.training.eval.Predictor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training loss/predictions captured during {@code fit} and the inference-time {@link Predictor} agree with
 * DL4J's own score and output (double precision, no dropout, so training- and inference-mode passes coincide;
 * tolerance 1e-12 for recomputation order).
 */
class BatchObserverTest {

    @Test
    void observerAndPredictorMatchDl4jScoreMinusWeightDecayAndOutput(@TempDir Path tmp) {
        Path data = TinyRun.data(tmp.resolve("data"));
        ModelConfig model = TinyRun.model().toBuilder().dropout(0.0).build();
        TrainConfig c = TinyRun.config().toBuilder().dataType(TrainConfig.Precision.DOUBLE).weightDecay(0.5).build();
        try (FeatureFile train = FeatureFile.open(FeatureSplits.path(data, Split.TRAIN, ""), ReadMode.IN_MEMORY)) {
            ComputationGraph g = TrainingGraphs.build(model, c, new double[] {1, 2, 0.5}, 3);
            // One batch holding the whole split, so the predictor's split mean equals DL4J's batch score.
            DataSet ds = SequenceBatchIterator.sequential(train, train.size(), DataType.DOUBLE).next();
            INDArray[] masks = {ds.getFeaturesMaskArray()};

            double reg = g.calcRegularizationScore(true);
            assertTrue(reg > 1e-3, "weight decay must contribute to DL4J's score for this test to mean anything");
            double dl4jLoss = g.score(ds, false) - reg;
            INDArray out = g.output(false, new INDArray[] {ds.getFeatures()}, masks)[0];
            int[] expectedPred = Nd4j.argMax(out, 1).toIntVector();

            Predictions p = Predictor.predict(g, SequenceBatchIterator.sequential(train, 8, DataType.DOUBLE));
            assertEquals(0.0, p.probabilities().sub(out).amaxNumber().doubleValue(), 1e-12);
            assertEquals(dl4jLoss, p.meanLoss(), 1e-12);
            assertArrayEquals(train.labels(), p.labels());

            BatchObserver observer = new BatchObserver("output");
            g.setListeners(observer);
            g.fit(ds);
            assertEquals(dl4jLoss, observer.lastLoss(), 1e-12);
            assertArrayEquals(expectedPred, observer.lastPredictions());
        }
    }
}
