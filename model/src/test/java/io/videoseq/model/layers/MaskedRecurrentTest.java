package io.videoseq.model.layers;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.File;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link MaskedRecurrent} and {@link PackedBidirectional} are custom layers of ours: like the others they must pass
 * DL4J's gradient check in double precision with masks, survive JSON and ModelSerializer round trips, and make a
 * padded sequence's output equal its output alone. Padded steps hold random values, so any leak shows.
 */
class MaskedRecurrentTest {
    private static final int N_IN = 3;
    private static final int HIDDEN = 4;
    private static final int STEPS = 5;
    private static final int[] LENGTHS = {5, 2, 4};

    @BeforeAll
    static void useDouble() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    enum Recurrent { PACKED, UNIDIRECTIONAL, STOCK_BIDIRECTIONAL, STOCK_UNMASKED }

    private static ComputationGraph graph(Recurrent kind) {
        LSTM lstm = new LSTM.Builder().nOut(HIDDEN).activation(Activation.TANH).forgetGateBiasInit(0.0)
                .weightInit(new UniformDistribution(-0.8, 0.8)).build();
        org.deeplearning4j.nn.conf.layers.Layer layer = switch (kind) {
            case PACKED -> new MaskedRecurrent(new PackedBidirectional(lstm));
            case UNIDIRECTIONAL -> new MaskedRecurrent(lstm);
            case STOCK_BIDIRECTIONAL -> new MaskedRecurrent(new Bidirectional(Bidirectional.Mode.CONCAT, lstm));
            case STOCK_UNMASKED -> new Bidirectional(Bidirectional.Mode.CONCAT, lstm);
        };
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7).dataType(DataType.DOUBLE).updater(new NoOp())
                .graphBuilder().addInputs("in")
                .addLayer("lstm", layer, "in")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "lstm")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).nOut(3).build(), "pool")
                .setOutputs("out").setInputTypes(InputType.recurrent(N_IN)).build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    private static INDArray mask() {
        INDArray m = Nd4j.zeros(DataType.DOUBLE, LENGTHS.length, STEPS);
        for (int i = 0; i < LENGTHS.length; i++) {
            m.get(NDArrayIndex.point(i), NDArrayIndex.interval(0, LENGTHS[i])).assign(1.0);
        }
        return m;
    }

    private static INDArray input() {
        Nd4j.getRandom().setSeed(11);
        return Nd4j.randn(DataType.DOUBLE, LENGTHS.length, N_IN, STEPS);
    }

    private static INDArray labels() {
        INDArray l = Nd4j.zeros(DataType.DOUBLE, LENGTHS.length, 3);
        for (int i = 0; i < LENGTHS.length; i++) {
            l.putScalar(i, i % 3, 1.0);
        }
        return l;
    }

    private static INDArray output(ComputationGraph g, INDArray x, INDArray m) {
        return g.output(false, new INDArray[] {x}, m == null ? null : new INDArray[] {m})[0];
    }

    private static boolean gradientCheck(ComputationGraph g) {
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(g)
                .inputs(new INDArray[] {input()}).labels(new INDArray[] {labels()})
                .inputMask(new INDArray[] {mask()})
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9).exitOnFirstError(false));
    }

    @ParameterizedTest
    @EnumSource(value = Recurrent.class, names = {"PACKED", "UNIDIRECTIONAL"})
    void passesGradientCheckWithMasks(Recurrent kind) {
        assertTrue(gradientCheck(graph(kind)), "gradient check of " + kind + " with masks");
    }

    /** Why PackedBidirectional exists: DL4J's Bidirectional backprops through the padding it walks first. */
    @Test
    void stockBidirectionalGradientIsWrongOnPaddedSequences() {
        assertFalse(gradientCheck(graph(Recurrent.STOCK_BIDIRECTIONAL)));
    }

    @Test
    void paddedSequenceEqualsItAlone() {
        INDArray x = input();
        INDArray m = mask();
        ComputationGraph packed = graph(Recurrent.PACKED);
        ComputationGraph unmasked = graph(Recurrent.STOCK_UNMASKED);
        ComputationGraph stockMasked = graph(Recurrent.STOCK_BIDIRECTIONAL);
        unmasked.setParams(packed.params().dup());
        stockMasked.setParams(packed.params().dup());
        INDArray batched = output(packed, x, m);
        // DL4J's masked forward pass is right, only its backprop is not: the outputs agree.
        assertArrayEquals(output(stockMasked, x, m).data().asDouble(), batched.data().asDouble(), 1e-12);
        INDArray unmaskedBatched = output(unmasked, x, m);
        double unmaskedGap = 0;
        for (int i = 0; i < LENGTHS.length; i++) {
            INDArray alone = x.get(NDArrayIndex.interval(i, i + 1), NDArrayIndex.all(),
                    NDArrayIndex.interval(0, LENGTHS[i])).dup();
            double[] expected = output(packed, alone, null).toDoubleVector();
            assertArrayEquals(expected, batched.getRow(i).toDoubleVector(), 1e-10, "sequence " + i);
            unmaskedGap = Math.max(unmaskedGap,
                    batched.getRow(i).sub(unmaskedBatched.getRow(i)).amaxNumber().doubleValue());
        }
        // Guard the reason MaskedRecurrent exists: a ComputationGraph never gives the LSTM its mask.
        assertTrue(unmaskedGap > 1e-6, "Bidirectional without MaskedRecurrent should differ on padded rows");
    }

    @Test
    void rejectsMasksThatAreNotRightPadded() {
        INDArray m = mask();
        m.putScalar(1, 3, 1.0);
        ComputationGraph g = graph(Recurrent.PACKED);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> output(g, input(), m));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
    }

    @Test
    void roundTripsThroughJsonAndModelSerializer(@TempDir Path dir) throws Exception {
        ComputationGraph g = graph(Recurrent.PACKED);
        String json = g.getConfiguration().toJson();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(json);
        assertEquals(g.getConfiguration(), back);
        assertEquals(json, back.toJson());
        File f = dir.resolve("m.zip").toFile();
        ModelSerializer.writeModel(g, f, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(f, true);
        assertEquals(0.0, g.params().sub(restored.params()).amaxNumber().doubleValue());
        assertArrayEquals(output(g, input(), mask()).data().asDouble(),
                output(restored, input(), mask()).data().asDouble(), 0.0);
    }
}
