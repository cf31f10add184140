package io.videoseq.model.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.videoseq.model.ModelConfig;
import io.videoseq.model.TemporalModelFactory;
import io.videoseq.model.GraphOptions;
import io.videoseq.model.onednn.OneDnnLibrary;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;
import java.util.function.Supplier;

import static io.videoseq.model.layers.LayerTestSupport.activation;
import static io.videoseq.model.layers.LayerTestSupport.assertClose;
import static io.videoseq.model.layers.LayerTestSupport.golden;
import static io.videoseq.model.layers.LayerTestSupport.graph;
import static io.videoseq.model.layers.LayerTestSupport.ints;
import static io.videoseq.model.layers.LayerTestSupport.mask;
import static io.videoseq.model.layers.LayerTestSupport.matrix;
import static io.videoseq.model.layers.LayerTestSupport.row;
import static io.videoseq.model.layers.LayerTestSupport.sequence;
import static io.videoseq.model.layers.LayerTestSupport.transposed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The float32 inference rows on oneDNN ({@link OneDnnRows}): the PyTorch goldens of the layers that use them, in float,
 * at 1e-5; the same activations as the ND4J path ({@code videoseq.rows.onednn=never}); and that the primitives are
 * really what ran (their count grows), only in inference, only in float.
 */
class OneDnnRowsTest {

    /** Float against PyTorch's float64 goldens: the values are O(1) and LayerNorm divides by a spread of O(0.1). */
    private static final double FLOAT_TOL = 1e-5;

    @BeforeEach
    void setUp() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        assertTrue(OneDnnLibrary.loaded(), "org.bytedeco:dnnl must load on this machine: " + OneDnnLibrary.why());
    }

    @AfterEach
    void tearDown() {
        System.clearProperty(OneDnnRowsSwitch.PROPERTY);
    }

    /** Runs {@code what} and returns how many primitives it made, with the cache emptied first. */
    private static <T> int primitivesMadeBy(Supplier<T> what) {
        OneDnnRows.clearCache();
        int before = OneDnnRows.primitivesMade();
        what.get();
        return OneDnnRows.primitivesMade() - before;
    }

    private static INDArray f(INDArray a) {
        return a.castTo(DataType.FLOAT);
    }

    @Test
    void linearNormMatchesPyTorchInFloat() throws Exception {
        JsonNode gold = golden();
        JsonNode lin = gold.get("linear");
        INDArray x = f(sequence(lin.get("x")));
        INDArray m = f(mask((int) x.size(2), ints(gold.get("lengths"))));
        ComputationGraph g = graph(DataType.FLOAT, (int) x.size(1), 2, false, WorkspaceMode.ENABLED, 1,
                new LinearNorm.Builder().nIn(x.size(1)).nOut(lin.get("bias").size()).layerNorm(true)
                        .activation(Activation.RELU).build());
        g.getLayer("l0").setParam("W", f(transposed(lin.get("weight"))));
        g.getLayer("l0").setParam("b", f(row(lin.get("bias"))));
        g.getLayer("l0").setParam("g", f(row(lin.get("norm_weight"))));
        g.getLayer("l0").setParam("beta", f(row(lin.get("norm_bias"))));
        INDArray[] out = new INDArray[1];
        assertTrue(primitivesMadeBy(() -> out[0] = activation(g, x, m, "l0", false)) >= 3,
                "matmul, layer norm and relu on oneDNN");
        assertClose(sequence(lin.get("output")), out[0], FLOAT_TOL, "LinearNorm (oneDNN, float) vs PyTorch");
    }

    @Test
    void attentionMatchesPyTorchInFloat() throws Exception {
        JsonNode gold = golden();
        JsonNode att = gold.get("attention");
        INDArray x = f(sequence(gold.get("x")));
        int e = (int) x.size(1);
        ComputationGraph g = graph(DataType.FLOAT, e, 2, false, WorkspaceMode.ENABLED, 1,
                new SelfAttentionBlock.Builder().nIn(e).numHeads(att.get("num_heads").asInt())
                        .attentionDropProb(0.4).outputDropProb(0.4).build());
        var l = g.getLayer("l0");
        l.setParam("Wqkv", f(transposed(att.get("in_proj_weight"))));
        l.setParam("bqkv", f(row(att.get("in_proj_bias"))));
        l.setParam("Wo", f(transposed(att.get("out_proj_weight"))));
        l.setParam("bo", f(row(att.get("out_proj_bias"))));
        l.setParam("g", f(row(att.get("norm_weight"))));
        l.setParam("beta", f(row(att.get("norm_bias"))));
        INDArray m = f(mask((int) x.size(2), ints(gold.get("lengths"))));
        INDArray[] out = new INDArray[1];
        assertTrue(primitivesMadeBy(() -> out[0] = activation(g, x, m, "l0", false)) >= 5,
                "projections, scores, softmax, context and layer norm on oneDNN");
        assertClose(sequence(att.get("output")), out[0], FLOAT_TOL, "attention (oneDNN, float) vs PyTorch");
        // without a mask (every sequence full length): the scores' post-op is absent
        INDArray full = activation(g, x, null, "l0", false);
        System.setProperty(OneDnnRowsSwitch.PROPERTY, "never");
        assertClose(activation(g, x, null, "l0", false), full, FLOAT_TOL, "attention without a mask vs ND4J path");
    }

    @Test
    void poolingMatchesPyTorchInFloat() throws Exception {
        JsonNode gold = golden();
        JsonNode p = gold.get("pooling");
        INDArray x = f(sequence(gold.get("x")));
        int e = (int) x.size(1);
        ComputationGraph g = graph(DataType.FLOAT, e, 2, true, WorkspaceMode.ENABLED, 1,
                new AttentionPooling.Builder().nIn(e).hiddenSize(p.get("b1").size()).dropProb(0.2).build());
        var l = g.getLayer("l0");
        l.setParam("W1", f(transposed(p.get("w1"))));
        l.setParam("b1", f(row(p.get("b1"))));
        l.setParam("g", f(row(p.get("norm_weight"))));
        l.setParam("beta", f(row(p.get("norm_bias"))));
        l.setParam("W2", f(transposed(p.get("w2"))));
        l.setParam("b2", f(row(p.get("b2"))));
        INDArray m = f(mask((int) x.size(2), ints(gold.get("lengths"))));
        INDArray[] out = new INDArray[1];
        assertTrue(primitivesMadeBy(() -> out[0] = activation(g, x, m, "l0", false)) >= 4,
                "two matmuls, layer norm and tanh on oneDNN");
        assertClose(matrix(p.get("output")), out[0], FLOAT_TOL, "pooling (oneDNN, float) vs PyTorch");
        AttentionPoolingImpl impl = (AttentionPoolingImpl) g.getLayer("l0");
        INDArray weights = impl.frameWeights(x, m);
        System.setProperty(OneDnnRowsSwitch.PROPERTY, "never");
        assertClose(impl.frameWeights(x, m), weights, 1e-6, "frame weights vs ND4J path");
    }

    /** The whole model, a padded batch: every layer's activations and the probabilities as on the ND4J path. */
    @Test
    void modelEqualsNd4jPathLayerByLayer() {
        ModelConfig config = ModelConfig.builder().featureDim(24).hiddenDim(8).numLstmLayers(2).numAttentionHeads(2)
                .numClasses(3).headDims(java.util.List.of(16, 12, 8)).build();
        ComputationGraph g = TemporalModelFactory.build(config, GraphOptions.defaults().withDataType(DataType.FLOAT));
        Nd4j.getRandom().setSeed(3);
        g.setParams(Nd4j.rand(DataType.FLOAT, g.params().shape()).subi(0.5));
        INDArray x = Nd4j.randn(DataType.FLOAT, 5, 24, 9);
        INDArray m = f(mask(9, 9, 3, 7, 1, 5));
        Map<String, INDArray>[] acts = new Map[2];
        int made = primitivesMadeBy(() -> acts[0] = feedForward(g, x, m));
        assertTrue(made >= 10, "oneDNN primitives made by one inference pass: " + made);
        System.setProperty(OneDnnRowsSwitch.PROPERTY, "never");
        assertEquals(0, primitivesMadeBy(() -> acts[1] = feedForward(g, x, m)), "never: none");
        for (String name : acts[1].keySet()) {
            assertClose(acts[1].get(name), acts[0].get(name), FLOAT_TOL, "activation of " + name);
        }
    }

    /** Training passes keep the ND4J path (its backprop reads their intermediates), and so do DOUBLE graphs. */
    @Test
    void onlyFloatInference() {
        Layer[] layers = {new LinearNorm.Builder().nIn(6).nOut(6).layerNorm(true).activation(Activation.RELU)
                .build(), new SelfAttentionBlock.Builder().nIn(6).numHeads(2).build()};
        ComputationGraph floats = graph(DataType.FLOAT, 6, 2, false, WorkspaceMode.ENABLED, 4, layers);
        INDArray x = Nd4j.randn(DataType.FLOAT, 3, 6, 5);
        INDArray m = f(mask(5, 5, 2, 4));
        assertEquals(0, primitivesMadeBy(() -> activation(floats, x, m, "l1", true)), "training pass");
        ComputationGraph doubles = graph(DataType.DOUBLE, 6, 2, false, WorkspaceMode.ENABLED, 4, layers);
        assertEquals(0, primitivesMadeBy(() -> activation(doubles, x.castTo(DataType.DOUBLE),
                m.castTo(DataType.DOUBLE), "l1", false)), "DOUBLE inference");
        assertTrue(primitivesMadeBy(() -> activation(floats, x, m, "l1", false)) > 0, "FLOAT inference");
    }

    /** Activations other than ReLU/tanh/identity go through ND4J after the oneDNN GEMM and norm; no mask either. */
    @Test
    void everyActivationAndNoMask() {
        for (Activation a : new Activation[] {Activation.RELU, Activation.TANH, Activation.IDENTITY,
                Activation.SIGMOID, Activation.LEAKYRELU}) {
            ComputationGraph g = graph(DataType.FLOAT, 7, 2, false, WorkspaceMode.ENABLED, 5,
                    new LinearNorm.Builder().nIn(7).nOut(5).layerNorm(true).activation(a).build());
            Nd4j.getRandom().setSeed(8);
            g.setParams(Nd4j.rand(DataType.FLOAT, g.params().shape()).subi(0.5));
            INDArray x = Nd4j.randn(DataType.FLOAT, 4, 7, 3);
            System.clearProperty(OneDnnRowsSwitch.PROPERTY);
            INDArray fast = activation(g, x, null, "l0", false);
            System.setProperty(OneDnnRowsSwitch.PROPERTY, "never");
            assertClose(activation(g, x, null, "l0", false), fast, FLOAT_TOL, a.name());
        }
    }

    @Test
    void parametersChangedBetweenCallsAreSeen() {
        ComputationGraph g = graph(DataType.FLOAT, 6, 2, false, WorkspaceMode.ENABLED, 6,
                new SelfAttentionBlock.Builder().nIn(6).numHeads(3).build());
        INDArray x = Nd4j.randn(DataType.FLOAT, 2, 6, 4);
        INDArray before = activation(g, x, null, "l0", false);
        g.setParams(g.params().mul(1.5));
        INDArray after = activation(g, x, null, "l0", false);
        System.setProperty(OneDnnRowsSwitch.PROPERTY, "never");
        assertClose(activation(g, x, null, "l0", false), after, FLOAT_TOL, "after setParams");
        assertTrue(before.sub(after).amaxNumber().doubleValue() > 1e-3, "the new parameters were used");
    }

    /**
     * The same activations whatever the number of OpenMP threads the calling thread runs oneDNN with: ND4J sets that
     * number only on the thread that started it, so a service's other threads run with another, and a prediction must
     * not depend on which thread made it.
     */
    @Test
    void theSameResultsWithOneOrTwoThreads() {
        ModelConfig config = ModelConfig.builder().featureDim(64).hiddenDim(32).numLstmLayers(1).numAttentionHeads(4)
                .numClasses(3).headDims(java.util.List.of(16, 12, 8)).build();
        ComputationGraph g = TemporalModelFactory.build(config, GraphOptions.defaults().withDataType(DataType.FLOAT));
        Nd4j.getRandom().setSeed(5);
        g.setParams(Nd4j.rand(DataType.FLOAT, g.params().shape()).subi(0.5));
        INDArray x = Nd4j.randn(DataType.FLOAT, 6, 64, 40);
        INDArray m = f(mask(40, 40, 33, 27, 40, 12, 38));
        var ops = org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps();
        int before = ops.ompGetMaxThreads();
        try {
            ops.setOmpNumThreads(1);
            assertEquals(1, ops.ompGetMaxThreads(), "this thread's OpenMP threads");
            Map<String, INDArray> one = feedForward(g, x, m);
            ops.setOmpNumThreads(2);
            assertEquals(2, ops.ompGetMaxThreads(), "this thread's OpenMP threads");
            Map<String, INDArray> two = feedForward(g, x, m);
            for (String name : one.keySet()) {
                assertEquals(one.get(name), two.get(name), "activation of " + name + ", 1 vs 2 threads");
            }
        } finally {
            ops.setOmpNumThreads(before);
        }
    }

    @Test
    void badSwitchValueIsNamed() {
        System.setProperty(OneDnnRowsSwitch.PROPERTY, "sometimes");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> OneDnnRowsSwitch.appliesTo(DataType.FLOAT, false));
        assertTrue(e.getMessage().contains(OneDnnRowsSwitch.PROPERTY) && e.getMessage().contains("sometimes"),
                e.getMessage());
    }

    private static Map<String, INDArray> feedForward(ComputationGraph g, INDArray x, INDArray m) {
        g.setLayerMaskArrays(new INDArray[] {m}, null);
        try {
            Map<String, INDArray> out = new java.util.TreeMap<>();
            g.feedForward(new INDArray[] {x}, false, false).forEach((k, v) -> out.put(k, v.dup()));
            return out;
        } finally {
            g.clearLayerMaskArrays();
        }
    }
}
