package io.videoseq.model.layers;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;

import static io.videoseq.model.layers.BiLstmTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

/**
 * {@link BiLstm} on oneDNN's LSTM primitives ({@link BiLstmOneDnn}) equals the per-step loop in float: outputs,
 * input gradient and every parameter gradient, masked or not, with and without DL4J workspaces. The loop itself
 * is gradient-checked in double ({@link BiLstmTest}); float agreement here is to 1e-5 of the largest value
 * (measured max abs differences are ~1e-7 to 1e-6).
 */
class BiLstmOneDnnTest {

    private static final String MODE = OneDnnSupport.PROPERTY;
    private static final double REL = 1e-5;

    @AfterEach
    void tearDown() {
        System.clearProperty(MODE);
    }

    /** {@code never} = the per-step loop (libnd4j's fused inference off too). */
    private static <T> T with(String mode, Supplier<T> f) {
        System.setProperty(MODE, mode);
        System.setProperty(BiLstm.FUSED_INFERENCE_PROPERTY, "never");
        try {
            return f.get();
        } finally {
            System.clearProperty(MODE);
            System.clearProperty(BiLstm.FUSED_INFERENCE_PROPERTY);
        }
    }

    @Test
    void kernelChoice() {
        assertTrue(OneDnnSupport.appliesTo(DataType.FLOAT), "dnnl is a test dependency: " + OneDnnSupport.describe());
        assertFalse(OneDnnSupport.appliesTo(DataType.DOUBLE), "no f64 RNN in oneDNN: the loop");
        assertFalse(with("never", () -> OneDnnSupport.appliesTo(DataType.FLOAT)));
        assertTrue(OneDnnSupport.appliesTo(DataType.FLOAT, true, 256), "auto trains on oneDNN at small H");
        assertFalse(OneDnnSupport.appliesTo(DataType.FLOAT, true, 768), "auto trains on the loop at large H");
        assertTrue(OneDnnSupport.appliesTo(DataType.FLOAT, false, 768), "auto infers on oneDNN at any H");
        assertTrue(with("always", () -> OneDnnSupport.appliesTo(DataType.FLOAT, true, 768)));
        assertThrows(IllegalStateException.class, () -> with("fast", () -> OneDnnSupport.appliesTo(DataType.FLOAT)));
    }

    /** Length-1 and all-padding rows, a null mask, no workspaces (layer alone) and DL4J's workspaces (graph). */
    @Test
    void layerEqualsLoop() {
        INDArray x = input(31, 6, 6, 7).castTo(DataType.FLOAT);
        INDArray m = mask(7, 7, 1, 4, 0, 7, 3).castTo(DataType.FLOAT);
        assertLayerEqualsLoop(6, 5, x, m);
        assertLayerEqualsLoop(6, 5, x, null);
    }

    /** Shapes where oneDNN picks blocked layouts and its packed GEMMs (H, nIn not tiny). */
    @Test
    void layerEqualsLoopOnLargerShapes() {
        INDArray x = input(32, 12, 40, 15).castTo(DataType.FLOAT);
        INDArray m = mask(15, 15, 1, 9, 12, 15, 3, 8, 14, 2, 15, 6, 11).castTo(DataType.FLOAT);
        assertLayerEqualsLoop(40, 32, x, m);
    }

    /** Through a graph with workspaces (two layers, pooled loss): score and every parameter gradient. */
    @Test
    void graphGradientsEqualLoop() {
        for (WorkspaceMode mode : new WorkspaceMode[] {WorkspaceMode.ENABLED, WorkspaceMode.NONE}) {
            ComputationGraph g = graph(DataType.FLOAT, mode, 6, 3, fast(6, 5, 1.0), fast(10, 4, 1.0));
            INDArray x = input(33, 5, 6, 8).castTo(DataType.FLOAT);
            INDArray m = mask(8, 8, 2, 5, 1, 7).castTo(DataType.FLOAT);
            INDArray y = labels(34, 5, 3).castTo(DataType.FLOAT);
            Gradient loop = with("never", () -> BiLstmTest.gradient(g, x, m, y));
            double loopScore = g.score();
            Map<String, INDArray> expected = copy(loop);
            Gradient dnn = with("auto", () -> BiLstmTest.gradient(g, x, m, y));
            assertEquals(loopScore, g.score(), 1e-6, "score");
            for (Map.Entry<String, INDArray> e : expected.entrySet()) {
                INDArray actual = dnn.gradientForVariable().get(e.getKey());
                assertClose(e.getValue(), actual, REL * Math.max(1e-3, e.getValue().amaxNumber().doubleValue()),
                        mode + " gradient " + e.getKey());
            }
        }
    }

    /**
     * Inference reuses the weights reordered for oneDNN until the parameters change: after a training step and
     * after setParam, and after ComputationGraph.setParams, inference equals the loop on the new parameters.
     */
    @Test
    void inferenceFollowsParameterChanges() {
        ComputationGraph g = graph(DataType.FLOAT, WorkspaceMode.ENABLED, 6, 3, fast(6, 5, 1.0));
        INDArray x = input(35, 4, 6, 6).castTo(DataType.FLOAT);
        INDArray m = mask(6, 6, 3, 5, 2).castTo(DataType.FLOAT);
        INDArray y = labels(36, 4, 3).castTo(DataType.FLOAT);
        INDArray before = with("auto", () -> output(g, x, m));
        assertClose(with("never", () -> output(g, x, m)), before, 1e-6, "first inference");
        with("auto", () -> {
            g.fit(new MultiDataSet(new INDArray[] {x}, new INDArray[] {y}, new INDArray[] {m}, null));
            return null;
        });
        INDArray afterFit = with("auto", () -> output(g, x, m));
        assertTrue(afterFit.sub(before).amaxNumber().doubleValue() > 1e-6, "the step changed the output");
        assertClose(with("never", () -> output(g, x, m)), afterFit, 1e-6, "inference after a training step");
        Layer l0 = g.getLayer("l0");
        l0.setParam("bRW", l0.getParam("bRW").mul(-1.5));
        INDArray afterSet = with("auto", () -> output(g, x, m));
        assertClose(with("never", () -> output(g, x, m)), afterSet, 1e-6, "inference after setParam");
        g.setParams(g.params().mul(0.5)); // assigned into the flat vector: the layer is not told
        INDArray afterGraphSet = with("auto", () -> output(g, x, m));
        assertClose(with("never", () -> output(g, x, m)), afterGraphSet, 1e-6, "inference after graph setParams");
    }

    /**
     * Inference skips most padding: the batch sorted by length runs in time segments of shrinking batch
     * ({@link OneDnnLstmSegments}), each from the previous one's final states. Every quantum (1 = a segment per
     * change of the running count; at least the batch = one segment over all padded steps) equals the loop.
     */
    @Test
    void segmentedInferenceEqualsLoop() {
        int[] lengths = {9, 1, 17, 4, 17, 12, 3, 16, 8, 11, 2, 17, 5, 14, 6, 10, 15, 7, 13, 0};
        ComputationGraph g = graph(DataType.FLOAT, WorkspaceMode.ENABLED, 7, 3, fast(7, 6, 1.0), fast(12, 5, 1.0));
        INDArray x = input(38, lengths.length, 7, 17).castTo(DataType.FLOAT);
        INDArray m = mask(17, lengths).castTo(DataType.FLOAT);
        BiLstmPacking p = BiLstmPacking.of(m, lengths.length, 17);
        OneDnnLstmSegments four = OneDnnLstmSegments.of(p, 4);
        // running at steps 0-2: 19..17 (-> 20), 3-6: 16..13, 7-10: 12..9, 11-14: 8..5, 15-16: 4..3
        assertArrayEquals(new int[] {20, 16, 12, 8, 4}, four.batch);
        assertArrayEquals(new int[] {3, 4, 4, 4, 2}, four.steps);
        assertEquals(212, four.rows, "187 real steps + 25 rows of rounding");
        assertEquals(187, Arrays.stream(lengths).sum());
        assertEquals(20 * 17, OneDnnLstmSegments.of(p, 20).rows, "one segment: every padded step");
        INDArray loop = with("never", () -> output(g, x, m));
        INDArray loopHidden = with("never", () -> activation(g, x, m, "l1", false));
        for (String quantum : new String[] {"1", "4", "8", "20", "64"}) {
            System.setProperty(OneDnnLstmSegments.PROPERTY, quantum);
            try {
                assertClose(loopHidden, with("auto", () -> activation(g, x, m, "l1", false)), 1e-6,
                        "quantum " + quantum + ": layer output");
                assertClose(loop, with("auto", () -> output(g, x, m)), 1e-6, "quantum " + quantum + ": output");
            } finally {
                System.clearProperty(OneDnnLstmSegments.PROPERTY);
            }
        }
    }

    /**
     * bf16 inference (off by default; on CPUs with native bf16) agrees with float32: class probabilities within
     * 1e-3 on a two-layer graph with H = 32 (measured max difference 6e-5), and the BiLstm output within 1e-2
     * (measured 8e-4; bf16 keeps 8 significant bits, a relative error of 2^-9 per rounding).
     */
    @Test
    void bf16InferenceAgreesWithFloat32() {
        assertFalse(OneDnnSupport.bf16Inference(), "off by default");
        ComputationGraph g = graph(DataType.FLOAT, WorkspaceMode.ENABLED, 24, 4, fast(24, 32, 1.0), fast(64, 32, 1.0));
        INDArray x = input(39, 16, 24, 20).castTo(DataType.FLOAT);
        INDArray m = mask(20, 20, 3, 17, 9, 20, 1, 12, 15, 6, 20, 11, 8, 19, 2, 14, 5).castTo(DataType.FLOAT);
        INDArray f32 = with("auto", () -> output(g, x, m));
        INDArray f32Hidden = with("auto", () -> activation(g, x, m, "l1", false));
        System.setProperty(OneDnnSupport.BF16_PROPERTY, "on");
        try {
            assumeTrue(OneDnnSupport.bf16Inference(), "CPU without native bf16: " + OneDnnSupport.describe());
            INDArray bf16 = with("auto", () -> output(g, x, m));
            INDArray bf16Hidden = with("auto", () -> activation(g, x, m, "l1", false));
            double diff = bf16Hidden.sub(f32Hidden).amaxNumber().doubleValue();
            assertTrue(diff > 0, "bf16 really ran: the output differs from float32's");
            assertClose(f32Hidden, bf16Hidden, 1e-2, "BiLstm output, bf16 vs float32");
            assertClose(f32, bf16, 1e-3, "probabilities, bf16 vs float32");
            System.out.printf("bf16 vs float32: BiLstm output max |diff| %.3g, probabilities %.3g%n", diff,
                    bf16.sub(f32).amaxNumber().doubleValue());
            System.setProperty(OneDnnSupport.BF16_PROPERTY, "maybe");
            assertThrows(IllegalStateException.class, OneDnnSupport::bf16Inference);
        } finally {
            System.clearProperty(OneDnnSupport.BF16_PROPERTY);
        }
    }

    private static Map<String, INDArray> copy(Gradient g) {
        Map<String, INDArray> out = new java.util.LinkedHashMap<>();
        g.gradientForVariable().forEach((k, v) -> out.put(k, v.dup()));
        return out;
    }

    private static void assertLayerEqualsLoop(int nIn, int h, INDArray x, INDArray m) {
        ComputationGraph g = graph(DataType.FLOAT, WorkspaceMode.NONE, nIn, 3, fast(nIn, h, 1.0));
        g.initGradientsView();
        Layer layer = g.getLayer("l0");
        int b = (int) x.size(0), steps = (int) x.size(2);
        INDArray eps = input(37, b, 2 * h, steps).castTo(DataType.FLOAT);
        if (m != null) {
            eps.muli(m.reshape(b, 1, steps)); // as every masked downstream layer makes it
        }
        Object[][] results = new Object[2][];
        String[] modes = {"never", "auto"};
        for (int k = 0; k < 2; k++) {
            results[k] = with(modes[k], () -> {
                LayerWorkspaceMgr ws = LayerWorkspaceMgr.noWorkspaces();
                layer.setInput(x, ws);
                layer.feedForwardMaskArray(m, MaskState.Active, b);
                INDArray inferred = layer.activate(false, ws).dup();
                INDArray trained = layer.activate(true, ws).dup();
                Pair<Gradient, INDArray> p = layer.backpropGradient(eps.dup(), ws);
                return new Object[] {inferred, trained, p.getSecond().dup(), copy(p.getFirst())};
            });
        }
        INDArray loop = (INDArray) results[0][0];
        double scale = loop.amaxNumber().doubleValue();
        assertTrue(scale > 0.05, "non-trivial outputs");
        assertClose(loop, (INDArray) results[1][0], REL * scale, "inference output");
        assertClose((INDArray) results[0][1], (INDArray) results[1][1], REL * scale, "training output");
        INDArray dxLoop = (INDArray) results[0][2];
        assertClose(dxLoop, (INDArray) results[1][2], REL * dxLoop.amaxNumber().doubleValue(), "input gradient");
        @SuppressWarnings("unchecked")
        Map<String, INDArray> gl = (Map<String, INDArray>) results[0][3], gd = (Map<String, INDArray>) results[1][3];
        assertEquals(gl.keySet(), gd.keySet());
        for (Map.Entry<String, INDArray> e : gl.entrySet()) {
            assertClose(e.getValue(), gd.get(e.getKey()), REL * e.getValue().amaxNumber().doubleValue(),
                    "gradient " + e.getKey());
        }
        if (m != null) {
            INDArray out = (INDArray) results[1][0], dx = (INDArray) results[1][2];
            for (int i = 0; i < b; i++) {
                int len = m.getRow(i).sumNumber().intValue();
                if (len < steps) {
                    assertEquals(0.0, out.get(point(i), all(), interval(len, steps)).amaxNumber().doubleValue(),
                            "padded outputs of example " + i);
                    assertEquals(0.0, dx.get(point(i), all(), interval(len, steps)).amaxNumber().doubleValue(),
                            "input gradient at padding of example " + i);
                }
            }
        }
    }
}
