package io.videoseq.inference;

import io.videoseq.inference.manifest.EnsembleManifest;
import io.videoseq.data.FeatureFile;
import io.videoseq.data.PaddedBatch;
import io.videoseq.data.ReadMode;
import io.videoseq.data.Sequence;
import io.videoseq.model.GraphNames;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The saliency is the pooling layer's own weights: they rebuild its output from the attention block's, sum to 1
 * over each video's real frames, do not depend on what else is in the batch, and average over members. (The
 * PyTorch parity of the weights is pinned in the torch module, on the imported golden model.)
 */
class FrameSaliencyTest {

    @TempDir
    static Path tmp;
    static TwoMembers two;
    static EnsemblePredictor ensemble;

    @BeforeAll
    static void train() throws Exception {
        two = TwoMembers.write(tmp);
        ensemble = EnsemblePredictor.load(two.members());
    }

    private static FeatureFile test() {
        return FeatureFile.open(two.data().resolve("test_features.h5"), ReadMode.PER_VIDEO);
    }

    @Test
    void weightsRebuildThePooledVectorFromTheAttentionOutput() {
        try (FeatureFile f = test()) {
            Sequence[] batch = new Sequence[f.size()];
            for (int i = 0; i < batch.length; i++) {
                batch[i] = f.read(i);
            }
            PaddedBatch p = PaddedBatch.of(batch, f.featureDim(), DataType.FLOAT);
            ComputationGraph g = ensemble.graphs().get(0);
            INDArray[] acts = g.output(List.of(GraphNames.ATTENTION, GraphNames.POOLING), false,
                    new INDArray[] {p.features()}, new INDArray[] {p.mask()});
            INDArray w = FrameSaliency.weights(g, p.features(), p.mask());
            INDArray attended = acts[0];
            INDArray pooled = acts[1];
            boolean padded = false;
            for (int b = 0; b < batch.length; b++) {
                for (int e = 0; e < pooled.size(1); e++) {
                    double sum = 0;
                    for (int t = 0; t < attended.size(2); t++) {
                        sum += w.getDouble(b, t) * attended.getDouble(b, e, t);
                    }
                    assertEquals(pooled.getDouble(b, e), sum, 1e-5, "video " + b + " feature " + e);
                }
                for (int t = batch[b].length(); t < w.size(1); t++) {
                    padded = true;
                    assertEquals(0.0, w.getDouble(b, t), 1e-12, "padding gets no weight");
                }
            }
            assertTrue(padded, "the test file has videos of different lengths");
        }
    }

    @Test
    void oneWeightPerRealFrameSummingToOneWhateverTheBatch() {
        try (FeatureFile f = test()) {
            List<double[]> batched = ensemble.saliency(f, new int[] {0, 1, 2, 3, 4}, 5);
            List<double[]> alone = ensemble.saliency(f, new int[] {0, 1, 2, 3, 4}, 1);
            for (int k = 0; k < 5; k++) {
                assertEquals(f.length(k), batched.get(k).length);
                double sum = 0;
                for (int t = 0; t < batched.get(k).length; t++) {
                    assertTrue(batched.get(k)[t] >= 0);
                    assertEquals(alone.get(k)[t], batched.get(k)[t], 1e-6, "video " + k + " frame " + t);
                    sum += batched.get(k)[t];
                }
                assertEquals(1.0, sum, 1e-5, "video " + k);
            }
        }
    }

    @Test
    void anEnsembleAveragesItsMembersWeights() {
        try (FeatureFile f = test()) {
            int[] idx = {3, 1};
            double[] a = FrameSaliency.of(List.of(ensemble.graphs().get(0)), f, idx, 4).get(0);
            double[] b = FrameSaliency.of(List.of(ensemble.graphs().get(1)), f, idx, 4).get(0);
            double[] both = ensemble.saliency(f, idx, 4).get(0);
            assertEquals(f.length(3), both.length);
            boolean differ = false;
            for (int t = 0; t < both.length; t++) {
                assertEquals((a[t] + b[t]) / 2, both[t], 1e-7);
                differ |= Math.abs(a[t] - b[t]) > 1e-4;
            }
            assertTrue(differ, "the two members look at different frames");
        }
    }

    @Test
    void theEmbeddingApiGivesTheSameWeights() throws Exception {
        VideoClassifier classifier = VideoClassifier.of(ensemble.graphs(), List.of("a", "b", "c"));
        try (FeatureFile f = test()) {
            Sequence s = f.read(2);
            float[][] frames = new float[s.length()][s.featureDim()];
            for (int t = 0; t < s.length(); t++) {
                for (int k = 0; k < s.featureDim(); k++) {
                    frames[t][k] = s.value(t, k);
                }
            }
            double[] want = ensemble.saliency(f, new int[] {2}, 1).get(0);
            double[] got = classifier.saliency(frames);
            assertEquals(want.length, got.length);
            for (int t = 0; t < got.length; t++) {
                assertEquals(want[t], got[t], 1e-6);
            }
        }
    }
}
