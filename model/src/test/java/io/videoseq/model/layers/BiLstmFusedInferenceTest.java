package io.videoseq.model.layers;

import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.function.Supplier;

import static io.videoseq.model.layers.BiLstmTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

/** {@link BiLstm} inference through libnd4j's lstmLayer equals the per-step loop's. */
class BiLstmFusedInferenceTest {

    private static final String MODE = BiLstmFusedInference.PROPERTY;

    /** libnd4j's fused op is the second choice, after oneDNN's own LSTM (BiLstmOneDnnTest): that one off here. */
    @BeforeEach
    void setUp() {
        System.setProperty(OneDnnSupport.PROPERTY, "never");
    }

    @AfterEach
    void tearDown() {
        System.clearProperty(MODE);
        System.clearProperty(OneDnnSupport.PROPERTY);
    }

    private static INDArray with(String mode, Supplier<INDArray> f) {
        System.setProperty(MODE, mode);
        try {
            return f.get();
        } finally {
            System.clearProperty(MODE);
        }
    }

    /**
     * The default test classpath carries libnd4j's oneDNN build, so the FLOAT comparisons below exercise oneDNN;
     * the model module's plain-libnd4j execution (videoseq.expect.nd4j=plain) checks the loop is chosen there.
     */
    @Test
    void kernelChoice() {
        boolean onednn = System.getProperty("videoseq.expect.nd4j", "onednn").equals("onednn");
        assertEquals(onednn, BiLstmFusedInference.appliesTo(DataType.FLOAT), "fused in FLOAT iff libnd4j has oneDNN");
        assertFalse(BiLstmFusedInference.appliesTo(DataType.DOUBLE), "auto: generic op not used");
        Nd4j.getEnvironment().allowHelpers(false);
        try {
            assertFalse(BiLstmFusedInference.appliesTo(DataType.FLOAT), "auto without helpers");
        } finally {
            Nd4j.getEnvironment().allowHelpers(true);
        }
        System.setProperty(MODE, "never");
        assertFalse(BiLstmFusedInference.appliesTo(DataType.FLOAT));
        System.setProperty(MODE, "always");
        assertTrue(BiLstmFusedInference.appliesTo(DataType.DOUBLE));
        System.setProperty(MODE, "fast");
        assertThrows(IllegalStateException.class, () -> BiLstmFusedInference.appliesTo(DataType.FLOAT));
    }

    /** Full-length, length-1 and all-padding rows; padding and a null mask; one example of one step. */
    @Test
    void equalsLoopInFloat() {
        for (WorkspaceMode mode : new WorkspaceMode[] {WorkspaceMode.ENABLED, WorkspaceMode.NONE}) {
            ComputationGraph g = graph(DataType.FLOAT, mode, 6, 3, fast(6, 5, 1.0));
            INDArray x = input(21, 6, 6, 7).castTo(DataType.FLOAT);
            INDArray m = mask(7, 7, 1, 4, 0, 7, 3).castTo(DataType.FLOAT);
            assertEqualsLoop(g, x, m, "auto", 1e-5);
            assertEqualsLoop(g, x, null, "auto", 1e-5);
            assertEqualsLoop(g, x, mask(7, 2, 5, 3, 1, 2, 4).castTo(DataType.FLOAT), "auto", 1e-5);
            INDArray one = x.get(interval(0, 1), all(), interval(0, 1)).dup();
            assertEqualsLoop(g, one, null, "auto", 1e-5);
        }
    }

    /** Shapes where oneDNN picks its blocked kernels (H and nIn not tiny), lengths over the whole range. */
    @Test
    void equalsLoopInFloatOnLargerShapes() {
        ComputationGraph g = graph(DataType.FLOAT, WorkspaceMode.ENABLED, 40, 3, fast(40, 32, 1.0));
        INDArray x = input(22, 12, 40, 15).castTo(DataType.FLOAT);
        INDArray m = mask(15, 15, 1, 9, 12, 15, 3, 8, 14, 2, 15, 6, 11).castTo(DataType.FLOAT);
        assertEqualsLoop(g, x, m, "auto", 1e-5);
    }

    /**
     * Few long and many short sequences: the steps are split into chunks over the sequences still running, each
     * starting from the previous chunk's last state (in FLOAT through oneDNN, in DOUBLE through the generic op).
     */
    @Test
    void equalsLoopWhenSplitIntoChunks() {
        int[] lengths = {60, 5, 20, 60, 5, 5, 20, 0, 5, 60, 20, 5, 5, 60, 5, 20};
        INDArray m = mask(60, lengths);
        BiLstmPacking p = BiLstmPacking.of(m, lengths.length, 60);
        assertEquals(3, BiLstmFusedInference.chunks(p).size(), BiLstmFusedInference.chunks(p).toString());
        INDArray x = input(25, lengths.length, 6, 60);
        ComputationGraph f = graph(DataType.FLOAT, WorkspaceMode.ENABLED, 6, 3, fast(6, 5, 1.0));
        assertEqualsLoop(f, x.castTo(DataType.FLOAT), m.castTo(DataType.FLOAT), "auto", 1e-5);
        ComputationGraph d = graph(DataType.DOUBLE, WorkspaceMode.ENABLED, 6, 3, fast(6, 5, 1.0));
        assertEqualsLoop(d, x, m, "always", 1e-12);
    }

    /** libnd4j's generic lstmLayer (no oneDNN in DOUBLE), forced: the same masked semantics. */
    @Test
    void equalsLoopInDouble() {
        ComputationGraph g = graph(DataType.DOUBLE, WorkspaceMode.ENABLED, 6, 3, fast(6, 5, 1.0));
        INDArray x = input(23, 6, 6, 7);
        assertEqualsLoop(g, x, mask(7, 7, 1, 4, 0, 7, 3), "always", 1e-12);
        assertEqualsLoop(g, x, null, "always", 1e-12);
    }

    /** The graph's output (inference workspaces of ComputationGraph.output) equals the loop's. */
    @Test
    void graphOutputEqualsLoop() {
        ComputationGraph g = graph(DataType.FLOAT, WorkspaceMode.ENABLED, 6, 3, fast(6, 5, 1.0), fast(10, 4, 1.0));
        INDArray x = input(24, 5, 6, 8).castTo(DataType.FLOAT);
        INDArray m = mask(8, 8, 2, 5, 1, 7).castTo(DataType.FLOAT);
        INDArray loop = with("never", () -> output(g, x, m));
        assertClose(loop, with("auto", () -> output(g, x, m)), 1e-6, "softmax output");
    }

    private static void assertEqualsLoop(ComputationGraph g, INDArray x, INDArray m, String mode, double relTol) {
        INDArray loop = with("never", () -> activation(g, x, m, "l0", false));
        INDArray fused = with(mode, () -> activation(g, x, m, "l0", false));
        double scale = loop.amaxNumber().doubleValue();
        assertTrue(scale > 0.05, "non-trivial outputs");
        assertClose(loop, fused, relTol * scale, "fused (" + mode + ") vs loop");
        if (m != null) {
            for (int i = 0; i < m.size(0); i++) {
                int len = m.getRow(i).sumNumber().intValue();
                if (len < x.size(2)) {
                    assertEquals(0.0, fused.get(point(i), all(), interval(len, x.size(2))).amaxNumber().doubleValue(),
                            "padded outputs of example " + i);
                }
            }
        }
    }
}
