package io.videoseq.model.layers;

import com.fasterxml.jackson.databind.JsonNode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.videoseq.model.layers.LayerTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

class LinearNormTest {

    @BeforeEach
    void setUp() {
        useDouble();
    }

    private static LinearNorm layer(int nIn, int nOut, boolean ln, Activation act) {
        return new LinearNorm.Builder().nIn(nIn).nOut(nOut).layerNorm(ln).activation(act).build();
    }

    @Test
    void gradientCheckRecurrentWithMask() {
        INDArray m = mask(5, 5, 3, 2);
        for (boolean ln : new boolean[] {true, false}) {
            ComputationGraph g = graph(4, 2, false, WorkspaceMode.ENABLED, 42,
                    layer(4, 3, ln, ln ? Activation.TANH : Activation.IDENTITY));
            INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 4, 5).subi(0.5).muli(3);
            assertTrue(gradientCheck(g, x, labels(1, 3, 2, 5), m, true, null), "layerNorm=" + ln);
        }
    }

    @Test
    void gradientCheckFeedForward() {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.DOUBLE).updater(new NoOp()).graphBuilder().addInputs("in")
                .addLayer("l0", layer(4, 5, true, Activation.TANH), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).nOut(3).build(), "l0")
                .setOutputs("out").setInputTypes(InputType.feedForward(4)).build());
        g.init();
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 4).subi(0.5).muli(3);
        assertTrue(gradientCheck(g, x, labels(2, 3, 3, 0), null, false, null));
        assertArrayEquals(new long[] {3, 5}, activation(g, x, null, "l0", false).shape(), "[batch, nOut]");
    }

    @Test
    void matchesPyTorchLinearLayerNormRelu() throws Exception {
        JsonNode gold = golden();
        JsonNode lin = gold.get("linear");
        INDArray x = sequence(lin.get("x"));
        int[] lengths = ints(gold.get("lengths"));
        INDArray m = mask((int) x.size(2), lengths);
        ComputationGraph g = graph((int) x.size(1), 2, false, WorkspaceMode.ENABLED, 1,
                layer((int) x.size(1), lin.get("bias").size(), true, Activation.RELU));
        g.getLayer("l0").setParam("W", transposed(lin.get("weight")));
        g.getLayer("l0").setParam("b", row(lin.get("bias")));
        g.getLayer("l0").setParam("g", row(lin.get("norm_weight")));
        g.getLayer("l0").setParam("beta", row(lin.get("norm_bias")));
        assertClose(sequence(lin.get("output")), activation(g, x, m, "l0", false), 1e-10, "LinearNorm vs PyTorch");
    }

    @Test
    void paddedBatchEqualsSequencesAlone() {
        int[] lengths = {5, 2, 4};
        ComputationGraph g = graph(4, 2, false, WorkspaceMode.ENABLED, 7, layer(4, 3, true, Activation.RELU));
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 4, 5);
        INDArray batch = activation(g, x, mask(5, lengths), "l0", false);
        for (int i = 0; i < lengths.length; i++) {
            INDArray single = activation(g, alone(x, i, lengths[i]), null, "l0", false);
            assertClose(single.reshape(3, lengths[i]), steps(batch, i, lengths[i]), 1e-10, "sequence " + i);
            assertEquals(0.0, steps(batch, i, 5).sumNumber().doubleValue()
                    - steps(batch, i, lengths[i]).sumNumber().doubleValue(), 0.0, "padded outputs are 0");
        }
    }

    @Test
    void inputDropoutActiveOnlyInTraining() {
        LinearNorm withDrop = new LinearNorm.Builder().nIn(4).nOut(3).layerNorm(true).dropOut(0.5).build();
        ComputationGraph g = graph(4, 2, false, WorkspaceMode.ENABLED, 5, withDrop);
        ComputationGraph plain = graph(4, 2, false, WorkspaceMode.ENABLED, 5, layer(4, 3, true, Activation.IDENTITY));
        plain.setParams(g.params());
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 4, 6);
        INDArray t1 = activation(g, x, null, "l0", true), t2 = activation(g, x, null, "l0", true);
        assertNotEquals(t1, t2, "training outputs differ between calls");
        INDArray e1 = activation(g, x, null, "l0", false);
        assertEquals(e1, activation(g, x, null, "l0", false));
        assertClose(activation(plain, x, null, "l0", false), e1, 0.0, "inference = no dropout");
    }

    @Test
    void noPreprocessorAndOutputTypes() {
        ComputationGraph g = graph(4, 2, false, WorkspaceMode.ENABLED, 1, layer(4, 3, true, Activation.RELU));
        ComputationGraphConfiguration conf = g.getConfiguration();
        assertNull(((LayerVertex) conf.getVertices().get("l0")).getPreProcessor(), "no RNN→FF preprocessor");
        Map<String, InputType> types = conf.getLayerActivationTypes(InputType.recurrent(4, 7));
        assertEquals(InputType.recurrent(3, 7), types.get("l0"));
        LinearNorm l = layer(4, 3, false, Activation.RELU);
        assertEquals(InputType.feedForward(3), l.getOutputType(0, InputType.feedForward(4)));
        assertNull(l.getPreProcessorForInputType(InputType.recurrent(4)));
        assertFalse(l.isPretrainParam("W"));
        assertNotNull(l.getMemoryReport(InputType.recurrent(4, 7)));
        INDArray m = mask(5, 5, 2);
        var p = g.getLayer("l0").feedForwardMaskArray(m, org.deeplearning4j.nn.api.MaskState.Active, 2);
        assertSame(m, p.getFirst(), "mask passed through");
    }

    @Test
    void initializationIsXavierUniformZeroBiasUnitGain() {
        ComputationGraph g = graph(300, 2, false, WorkspaceMode.ENABLED, 11, layer(300, 200, true, Activation.RELU));
        INDArray w = g.getLayer("l0").getParam("W");
        assertArrayEquals(new long[] {300, 200}, w.shape());
        double a = Math.sqrt(6.0 / (300 + 200));
        assertTrue(w.amaxNumber().doubleValue() <= a, "|W| <= sqrt(6/(fanIn+fanOut))");
        assertEquals(a * a / 3.0, w.varNumber().doubleValue(), 0.03 * a * a / 3.0, "variance of U(-a,a)");
        assertEquals(0.0, g.getLayer("l0").getParam("b").amaxNumber().doubleValue());
        assertEquals(0.0, g.getLayer("l0").getParam("beta").amaxNumber().doubleValue());
        assertEquals(Nd4j.ones(DataType.DOUBLE, 1, 200), g.getLayer("l0").getParam("g"));
        assertArrayEquals(new long[] {1, 200}, g.getLayer("l0").getParam("b").shape());
    }

    @Test
    void weightDecayReachesEveryParamWhenBiasDecaySet() {
        // per layer: a GLOBAL weightDecay/weightDecayBias is added twice to every layer by DL4J M2.1
        // (NeuralNetConfiguration.Builder.copyConfigToLayer + LayerValidation.configureBaseLayer)
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .updater(new NoOp()).graphBuilder().addInputs("in")
                .addLayer("l0", new LinearNorm.Builder().nIn(4).nOut(3).layerNorm(true).weightDecay(0.01)
                        .weightDecayBias(0.02).build(), "in")
                .addLayer("out", new OutputLayer.Builder().nOut(2).build(), "l0").setOutputs("out")
                .setInputTypes(InputType.feedForward(4)).build();
        LinearNorm l = (LinearNorm) ((LayerVertex) conf.getVertices().get("l0")).getLayerConf().getLayer();
        assertEquals(List.of("W"), l.initializer().weightKeys(l));
        assertEquals(List.of("b", "g", "beta"), l.initializer().biasKeys(l));
        assertEquals(0.01, coefficient(l.getRegularizationByParam("W")));
        for (String k : new String[] {"b", "g", "beta"}) {
            assertEquals(0.02, coefficient(l.getRegularizationByParam(k)), k);
        }
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        LinearNorm l2 = (LinearNorm) ((LayerVertex) back.getVertices().get("l0")).getLayerConf().getLayer();
        assertEquals(0.02, coefficient(l2.getRegularizationByParam("beta")), "after JSON round trip");
    }

    private static double coefficient(List<Regularization> regs) {
        assertEquals(1, regs.size(), regs.toString());
        return ((WeightDecay) regs.get(0)).getCoeff().valueAt(0, 0);
    }

    @Test
    void configAndModelRoundTrip(@TempDir Path dir) throws Exception {
        ComputationGraph g = graph(4, 2, false, WorkspaceMode.ENABLED, 9,
                new LinearNorm.Builder().nIn(4).nOut(3).layerNorm(true).activation(Activation.TANH).dropOut(0.8)
                        .build());
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 4, 5);
        assertRoundTrips(g, x, mask(5, 5, 3), dir);
        LinearNorm a = layer(4, 3, true, Activation.RELU), b = layer(4, 3, true, Activation.RELU);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, layer(4, 3, false, Activation.RELU));
        assertTrue(a.toString().contains("layerNorm=true"));
    }
}
