package io.videoseq.model;

import io.videoseq.model.layers.BiLstmImpl;
import io.videoseq.model.layers.MaskedRecurrent;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemporalModelFactoryTest {

    static final ModelConfig SMALL = ModelConfig.builder().featureDim(5).hiddenDim(4).numClasses(3).numLstmLayers(2)
            .numAttentionHeads(2).dropout(0.3).bidirectional(true).headDims(List.of(6, 5, 4)).build();

    static GraphOptions opts(DataType dt) {
        return GraphOptions.defaults().withDataType(dt).withSeed(123);
    }

    /** Random features [b, F, T]; steps at or beyond a sequence's length hold random garbage, not zeros. */
    static INDArray features(int b, int f, int t, DataType dt, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(dt, b, f, t);
    }

    static INDArray mask(int[] lengths, int t, DataType dt) {
        INDArray m = Nd4j.zeros(dt, lengths.length, t);
        for (int i = 0; i < lengths.length; i++) {
            if (lengths[i] > 0) {
                m.get(NDArrayIndex.point(i), NDArrayIndex.interval(0, lengths[i])).assign(1.0);
            }
        }
        return m;
    }

    static double maxAbsDiff(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"DOUBLE, 1e-10", "FLOAT, 1e-5"})
    void paddedBatchEqualsEachSequenceAlone(DataType dt, double tol) {
        for (boolean bidirectional : new boolean[]{true, false}) {
            ModelConfig config = SMALL.toBuilder().bidirectional(bidirectional).build();
            ComputationGraph graph = TemporalModelFactory.build(config, opts(dt));
            Random rnd = new Random(bidirectional ? 5 : 6);
            int t = 9;
            int[] lengths = new int[6];
            for (int i = 0; i < lengths.length; i++) {
                lengths[i] = 1 + rnd.nextInt(t);
            }
            lengths[0] = t;
            INDArray x = features(lengths.length, config.featureDim(), t, dt, 99);
            INDArray batch = graph.output(false, new INDArray[]{x}, new INDArray[]{mask(lengths, t, dt)})[0];
            for (int i = 0; i < lengths.length; i++) {
                INDArray alone = x.get(NDArrayIndex.interval(i, i + 1), NDArrayIndex.all(),
                        NDArrayIndex.interval(0, lengths[i])).dup();
                INDArray out = graph.output(false, alone)[0];
                double diff = maxAbsDiff(out, batch.getRow(i, true));
                assertTrue(diff < tol, "bidirectional=" + bidirectional + " sequence " + i + " (length " + lengths[i]
                        + "): |Δ| = " + diff);
            }
        }
    }

    @Test
    void dropoutIsActiveInTrainingAndOffInInference() {
        ComputationGraph graph = TemporalModelFactory.build(SMALL, opts(DataType.DOUBLE));
        INDArray x = features(4, 5, 6, DataType.DOUBLE, 3);
        INDArray[] m = {mask(new int[]{6, 3, 5, 1}, 6, DataType.DOUBLE)};
        INDArray eval1 = graph.output(false, new INDArray[]{x}, m)[0];
        INDArray eval2 = graph.output(false, new INDArray[]{x}, m)[0];
        INDArray train1 = trainingOutput(graph, x, m[0]);
        INDArray train2 = trainingOutput(graph, x, m[0]);
        assertEquals(0.0, maxAbsDiff(eval1, eval2));
        assertTrue(maxAbsDiff(train1, train2) > 1e-6, "two training passes must draw different dropout masks");
        assertTrue(maxAbsDiff(train1, eval1) > 1e-6, "training pass must differ from inference");
        // without dropout, training mode is the inference computation
        ComputationGraph plain = TemporalModelFactory.build(SMALL.toBuilder().dropout(0.0)
                .build(), opts(DataType.DOUBLE));
        assertTrue(maxAbsDiff(trainingOutput(plain, x, m[0]), plain.output(false, new INDArray[]{x}, m)[0]) < 1e-12);
    }

    /**
     * Forward pass in training mode, as fit() does it. ({@code output(true, …)} is not used: in DL4J 1.0.0-M2.1 it
     * throws ND4JWorkspaceException "WS_LAYER_ACT_1 for array type INPUT is not open" when a stock layer has
     * input dropout.)
     */
    static INDArray trainingOutput(ComputationGraph graph, INDArray x, INDArray mask) {
        graph.setLayerMaskArrays(new INDArray[]{mask}, null);
        try {
            return graph.feedForward(new INDArray[]{x}, true, false).get(GraphNames.OUTPUT).dup();
        } finally {
            graph.clearLayerMaskArrays();
        }
    }

    @Test
    void dropoutRatesFollowTheReference() {
        ComputationGraphConfiguration conf = TemporalModelFactory.configuration(SMALL, opts(DataType.DOUBLE));
        double d = SMALL.dropout();
        assertEquals(1 - 0.5 * d, keep(conf, GraphNames.lstm(0)), 1e-12);
        assertEquals(1 - d, keep(conf, GraphNames.lstm(1)), 1e-12);
        assertEquals(-1, keep(conf, GraphNames.head(0)));
        assertEquals(1 - d, keep(conf, GraphNames.head(1)), 1e-12);
        assertEquals(1 - d, keep(conf, GraphNames.head(2)), 1e-12);
        assertEquals(1 - 0.5 * d, keep(conf, GraphNames.OUTPUT), 1e-12);
        assertEquals(-1, keep(conf, GraphNames.INPUT_PROJECTION));
    }

    /** Keep probability of a layer's input dropout (inner LSTM for wrapped layers), −1 when there is none. */
    private static double keep(ComputationGraphConfiguration conf, String name) {
        org.deeplearning4j.nn.conf.layers.Layer l = ((LayerVertex) conf.getVertices().get(name)).getLayerConf().getLayer();
        if (l instanceof MaskedRecurrent w) {
            l = w.getUnderlying();
        }
        if (l instanceof org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional b) {
            l = b.getFwd();
        }
        if (l.getIDropout() == null) {
            return -1;
        }
        return ((org.deeplearning4j.nn.conf.dropout.Dropout) l.getIDropout()).getP();
    }

    @Test
    void initializationMatchesPyTorch() {
        ModelConfig c = ModelConfig.builder().featureDim(24).hiddenDim(16).numClasses(3).numLstmLayers(2)
                .numAttentionHeads(4).dropout(0.3).bidirectional(true).headDims(List.of(20, 12, 10)).build();
        ComputationGraph graph = TemporalModelFactory.build(c, opts(DataType.DOUBLE));
        checkLinear(graph.getLayer(GraphNames.INPUT_PROJECTION), "W", "b", 24, 16);
        checkNorm(graph.getLayer(GraphNames.INPUT_PROJECTION));
        checkLinear(graph.getLayer(GraphNames.ATTENTION), "Wqkv", "bqkv", 32, 96);
        checkLinear(graph.getLayer(GraphNames.ATTENTION), "Wo", "bo", 32, 32);
        checkNorm(graph.getLayer(GraphNames.ATTENTION));
        checkLinear(graph.getLayer(GraphNames.POOLING), "W1", "b1", 32, 16);
        checkLinear(graph.getLayer(GraphNames.POOLING), "W2", "b2", 16, 1);
        checkNorm(graph.getLayer(GraphNames.POOLING));
        int in = 32;
        for (int k = 0; k < 3; k++) {
            checkLinear(graph.getLayer(GraphNames.head(k)), "W", "b", in, c.headDims().get(k));
            checkNorm(graph.getLayer(GraphNames.head(k)));
            in = c.headDims().get(k);
        }
        checkLinear(graph.getLayer(GraphNames.OUTPUT), "W", "b", in, 3);
        double bound = 1 / Math.sqrt(16);
        for (int k = 0; k < 2; k++) {
            Map<String, INDArray> table = graph.getLayer(GraphNames.lstm(k)).paramTable();
            assertEquals(List.of("fW", "fRW", "fb", "bW", "bRW", "bb"), List.copyOf(table.keySet()));
            for (Map.Entry<String, INDArray> e : table.entrySet()) {
                INDArray p = e.getValue();
                assertTrue(p.amaxNumber().doubleValue() <= bound, e.getKey());
                assertTrue(p.amaxNumber().doubleValue() > 0.8 * bound, e.getKey() + " spans the range");
                // U(−a, a) has standard deviation a/√3
                assertEquals(bound / Math.sqrt(3), p.stdNumber().doubleValue(), 0.25 * bound / Math.sqrt(3), e.getKey());
            }
        }
    }

    private static void checkLinear(Layer layer, String w, String b, long in, long out) {
        INDArray weights = layer.getParam(w);
        assertEquals(List.of(in, out), List.of(weights.size(0), weights.size(1)), w);
        double bound = Math.sqrt(6.0 / (in + out));
        assertTrue(weights.amaxNumber().doubleValue() <= bound, w + " within the Xavier bound");
        if (in * out >= 16) {
            assertTrue(weights.amaxNumber().doubleValue() > 0.5 * bound, w + " uses the Xavier range");
        }
        assertEquals(0.0, layer.getParam(b).amaxNumber().doubleValue(), b + " is zero");
    }

    private static void checkNorm(Layer layer) {
        assertEquals(1.0, layer.getParam("g").minNumber().doubleValue());
        assertEquals(1.0, layer.getParam("g").maxNumber().doubleValue());
        assertEquals(0.0, layer.getParam("beta").amaxNumber().doubleValue());
    }

    @Test
    void initializationIsDeterministicPerSeed() {
        INDArray a = TemporalModelFactory.build(SMALL, opts(DataType.FLOAT)).params();
        INDArray b = TemporalModelFactory.build(SMALL, opts(DataType.FLOAT)).params();
        INDArray c = TemporalModelFactory.build(SMALL, opts(DataType.FLOAT).withSeed(124)).params();
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    /** The count PyTorch's model has minus its second LSTM bias is checked against the importer (torch module). */
    @Test
    void parameterCountOfTheDefaultModel() {
        assertEquals(65_253_125L, TemporalModelFactory.numParams(ModelConfig.defaults()));
        assertEquals(TemporalModelFactory.numParams(SMALL),
                TemporalModelFactory.build(SMALL, opts(DataType.FLOAT)).numParams());
    }


    @Test
    void everyParameterGetsAGradientThroughTheMaskedGraph() {
        ComputationGraph graph = TemporalModelFactory.build(SMALL.toBuilder().dropout(0.0)
                .build(), opts(DataType.DOUBLE));
        INDArray x = features(3, 5, 6, DataType.DOUBLE, 8);
        graph.setInputs(x);
        graph.setLabels(Nd4j.eye(3).castTo(DataType.DOUBLE));
        graph.setLayerMaskArrays(new INDArray[]{mask(new int[]{6, 2, 4}, 6, DataType.DOUBLE)}, null);
        graph.computeGradientAndScore();
        Gradient g = graph.gradient();
        for (Map.Entry<String, INDArray> e : g.gradientForVariable().entrySet()) {
            assertTrue(e.getValue().amaxNumber().doubleValue() > 0, e.getKey() + " has a zero gradient");
        }
        assertEquals(graph.numParams(), g.gradient().length());
    }

    /**
     * Whole-graph backprop check in double precision with a mask: the analytic gradient projected on a random
     * direction v equals the central difference of the score along v. (One projection instead of DL4J's
     * per-parameter GradientCheckUtil: the custom layers have their own per-parameter checks, and two forward
     * passes keep this test fast.) DL4J's score is the batch mean while the raw gradient is the batch sum.
     */
    @Test
    void directionalDerivativeMatchesFiniteDifferenceWithMask() {
        ModelConfig tiny = ModelConfig.builder().featureDim(3).hiddenDim(4).numClasses(2).numLstmLayers(2)
                .numAttentionHeads(2).dropout(0.0).bidirectional(true).headDims(List.of(5, 4, 3)).build();
        ComputationGraph graph = TemporalModelFactory.build(tiny, opts(DataType.DOUBLE).withUpdater(new NoOp()));
        INDArray x = features(3, 3, 5, DataType.DOUBLE, 21);
        graph.setInputs(x);
        graph.setLabels(Nd4j.create(new double[][]{{1, 0}, {0, 1}, {0, 1}}));
        graph.setLayerMaskArrays(new INDArray[]{mask(new int[]{5, 2, 4}, 5, DataType.DOUBLE)}, null);
        graph.computeGradientAndScore();
        INDArray grad = graph.gradient().gradient().dup();
        Nd4j.getRandom().setSeed(77);
        INDArray v = Nd4j.randn(DataType.DOUBLE, grad.shape());
        double analytic = grad.mul(v).sumNumber().doubleValue() / 3;
        INDArray theta = graph.params().dup();
        double eps = 1e-6;
        graph.setParams(theta.add(v.mul(eps)));
        graph.computeGradientAndScore();
        double plus = graph.score();
        graph.setParams(theta.sub(v.mul(eps)));
        graph.computeGradientAndScore();
        double minus = graph.score();
        double numeric = (plus - minus) / (2 * eps);
        assertTrue(Math.abs(analytic) > 1e-3, "direction must be informative: " + analytic);
        assertEquals(numeric, analytic, 1e-6 * Math.abs(numeric) + 1e-9);
    }

    @Test
    void modelSerializerRoundTripGivesIdenticalOutputs(@TempDir File dir) throws IOException {
        ComputationGraph graph = TemporalModelFactory.build(SMALL, opts(DataType.FLOAT));
        File f = new File(dir, "model.zip");
        ModelSerializer.writeModel(graph, f, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(f, true);
        assertEquals(graph.getConfiguration().toJson(), restored.getConfiguration().toJson());
        assertEquals(graph.params(), restored.params());
        INDArray x = features(3, 5, 7, DataType.FLOAT, 4);
        INDArray[] m = {mask(new int[]{7, 3, 5}, 7, DataType.FLOAT)};
        assertEquals(graph.output(false, new INDArray[]{x}, m)[0], restored.output(false, new INDArray[]{x}, m)[0]);
        assertTrue(restored.getLayer(GraphNames.lstm(0)) instanceof BiLstmImpl);
    }

    @Test
    void configurationHasNoPreprocessorsAndTheDocumentedVertices() {
        ComputationGraphConfiguration conf = TemporalModelFactory.configuration(SMALL, opts(DataType.FLOAT));
        assertEquals(List.of(GraphNames.INPUT), conf.getNetworkInputs());
        assertEquals(List.of(GraphNames.OUTPUT), conf.getNetworkOutputs());
        for (String v : List.of(GraphNames.INPUT_PROJECTION, GraphNames.lstm(0), GraphNames.lstm(1),
                GraphNames.ATTENTION, GraphNames.POOLING, GraphNames.head(0), GraphNames.head(1), GraphNames.head(2),
                GraphNames.OUTPUT)) {
            LayerVertex lv = (LayerVertex) conf.getVertices().get(v);
            assertTrue(lv != null && lv.getPreProcessor() == null, v);
        }
        assertEquals(9, conf.getVertices().size());
        assertEquals(DataType.FLOAT, conf.getDataType());
    }
}
