package io.videoseq.model.layers;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.videoseq.model.layers.BiLstmTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

class BiLstmTest {

    private static final double TOL = 1e-10;

    @BeforeEach
    void setUp() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    /** Same params (flat vector and per key shapes) in both graphs; then outputs and all gradients agree. */
    private static void assertSameAsStock(ComputationGraph stock, ComputationGraph fast, INDArray x, INDArray m,
            INDArray y) {
        assertSameAsStock(stock, fast, x, m, y, TOL);
    }

    private static void assertSameAsStock(ComputationGraph stock, ComputationGraph fast, INDArray x, INDArray m,
            INDArray y, double tol) {
        for (String name : new String[] {"l0", "l1"}) {
            if (stock.getVertex(name) == null) {
                continue;
            }
            Map<String, INDArray> sp = stock.getLayer(name).paramTable();
            Map<String, INDArray> fp = fast.getLayer(name).paramTable();
            assertEquals(List.copyOf(sp.keySet()), List.copyOf(fp.keySet()), name + " param keys");
            sp.forEach((k, v) -> assertArrayEquals(v.shape(), fp.get(k).shape(), name + " shape of " + k));
        }
        assertEquals(stock.numParams(), fast.numParams());
        fast.setParams(stock.params().dup());
        assertClose(output(stock, x, m), output(fast, x, m), tol, "inference output");
        assertClose(activation(stock, x, m, "l0", true), activation(fast, x, m, "l0", true), tol, "l0 activations");
        Gradient gs = gradient(stock, x, m, y), gf = gradient(fast, x, m, y);
        assertEquals(stock.score(), fast.score(), tol, "score");
        assertEquals(gs.gradientForVariable().keySet(), gf.gradientForVariable().keySet());
        for (Map.Entry<String, INDArray> e : gs.gradientForVariable().entrySet()) {
            assertClose(e.getValue(), gf.gradientForVariable().get(e.getKey()), tol, "gradient " + e.getKey());
        }
    }

    /** The gradient of one forward + backward pass, with the mask set only for it (BiLstmOneDnnTest too). */
    static Gradient gradient(ComputationGraph g, INDArray x, INDArray m, INDArray y) {
        g.setInputs(x);
        g.setLabels(y);
        g.setLayerMaskArrays(m == null ? null : new INDArray[] {m}, null);
        g.computeGradientAndScore();
        g.clearLayerMaskArrays();
        return g.gradient();
    }

    @Test
    void matchesStockPackedBidirectionalLstm() {
        INDArray x = input(1, 5, 4, 7);
        INDArray m = mask(7, 3, 7, 5, 1, 7);
        INDArray y = labels(2, 5, 3);
        assertSameAsStock(graph(4, 3, stock(4, 5, 1.0)), graph(4, 3, fast(4, 5, 1.0)), x, m, y);
        assertSameAsStock(graph(4, 3, stock(4, 5, 1.0)), graph(4, 3, fast(4, 5, 1.0)), x, null, y);
    }

    /** Without workspaces, and in float32 (the training data type; tolerance for float rounding). */
    @Test
    void matchesStockWithoutWorkspacesAndInFloat() {
        INDArray x = input(19, 4, 5, 6);
        INDArray m = mask(6, 6, 2, 5, 4);
        INDArray y = labels(20, 4, 3);
        WorkspaceMode none = WorkspaceMode.NONE, on = WorkspaceMode.ENABLED;
        assertSameAsStock(graph(DataType.DOUBLE, none, 5, 3, stock(5, 4, 1.0)),
                graph(DataType.DOUBLE, none, 5, 3, fast(5, 4, 1.0)), x, m, y);
        assertSameAsStock(graph(DataType.FLOAT, on, 5, 3, stock(5, 4, 1.0)),
                graph(DataType.FLOAT, on, 5, 3, fast(5, 4, 1.0)),
                x.castTo(DataType.FLOAT), m.castTo(DataType.FLOAT), y.castTo(DataType.FLOAT), 1e-5);
    }

    @Test
    void stackOfTwoMatchesStock() {
        INDArray x = input(3, 4, 6, 6);
        INDArray m = mask(6, 2, 6, 4, 5);
        INDArray y = labels(4, 4, 2);
        assertSameAsStock(graph(6, 2, stock(6, 3, 1.0), stock(6, 4, 1.0)),
                graph(6, 2, fast(6, 3, 1.0), fast(6, 4, 1.0)), x, m, y);
    }

    /** Epsilon at padded steps has no effect: those outputs are constant 0. */
    @Test
    void epsilonAtPaddedStepsIsIgnored() {
        ComputationGraph g = graph(4, 3, fast(4, 3, 1.0));
        g.initGradientsView();
        Layer l = g.getLayer("l0");
        INDArray x = input(15, 3, 4, 5);
        INDArray m = mask(5, 5, 2, 4);
        INDArray eps = input(16, 3, 6, 5);
        INDArray[] dx = new INDArray[2];
        for (int k = 0; k < 2; k++) {
            LayerWorkspaceMgr ws = LayerWorkspaceMgr.noWorkspaces();
            l.setInput(x, ws);
            l.feedForwardMaskArray(m, MaskState.Active, 3);
            l.activate(true, ws);
            dx[k] = l.backpropGradient(k == 0 ? eps.dup() : eps.mul(m.reshape(3, 1, 5)), ws).getSecond().dup();
        }
        assertClose(dx[0], dx[1], 0.0, "input epsilon with and without padded-step epsilon");
    }

    /** The input epsilon (not visible through a graph's parameter gradients) equals the stock layer's. */
    @Test
    void inputEpsilonMatchesStockLayer() {
        ComputationGraph stock = graph(4, 3, stock(4, 3, 1.0));
        ComputationGraph fast = graph(4, 3, fast(4, 3, 1.0));
        fast.setParams(stock.params().dup());
        stock.initGradientsView();
        fast.initGradientsView();
        INDArray x = input(5, 3, 4, 5);
        INDArray m = mask(5, 5, 2, 4);
        // Zero at padded steps, as every masked downstream layer makes it: DL4J's LSTM would otherwise backprop
        // the epsilon of a padded (constant 0) output into the real steps, whereas BiLstm ignores it.
        INDArray eps = input(6, 3, 6, 5).muli(m.reshape(3, 1, 5));
        INDArray[] result = new INDArray[2];
        Gradient[] grads = new Gradient[2];
        Layer[] layers = {stock.getLayer("l0"), fast.getLayer("l0")};
        for (int k = 0; k < 2; k++) {
            LayerWorkspaceMgr ws = LayerWorkspaceMgr.noWorkspaces();
            layers[k].setInput(x, ws);
            layers[k].feedForwardMaskArray(m, MaskState.Active, 3);
            layers[k].activate(true, ws);
            Pair<Gradient, INDArray> p = layers[k].backpropGradient(eps.dup(), ws);
            grads[k] = p.getFirst();
            result[k] = p.getSecond().dup();
        }
        assertClose(result[0], result[1], TOL, "input epsilon");
        for (Map.Entry<String, INDArray> e : grads[0].gradientForVariable().entrySet()) {
            assertClose(e.getValue(), grads[1].gradientForVariable().get(e.getKey()), TOL, "gradient " + e.getKey());
        }
        // zero at padded steps
        assertEquals(0.0, result[1].get(point(1), all(), interval(2, 5)).amaxNumber().doubleValue());
    }

    @Test
    void gradientCheckWithMask() {
        ComputationGraph g = graph(3, 2, fast(3, 3, 1.0));
        INDArray x = input(7, 3, 3, 5);
        INDArray m = mask(5, 5, 3, 2);
        assertTrue(check(g, x, m, labels(8, 3, 2), null));
    }

    /** Dropout is drawn again for every pass; resetting the seed makes each pass use the same mask. */
    @Test
    void gradientCheckThroughInputDropout() {
        ComputationGraph g = graph(3, 2, fast(3, 3, 0.6));
        INDArray x = input(9, 3, 3, 5);
        assertTrue(check(g, x, mask(5, 4, 5, 1), labels(10, 3, 2), n -> Nd4j.getRandom().setSeed(12345)));
    }

    private static boolean check(ComputationGraph g, INDArray x, INDArray m, INDArray y,
            org.nd4j.common.function.Consumer<ComputationGraph> eachIter) {
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(g)
                .inputs(new INDArray[] {x}).labels(new INDArray[] {y}).inputMask(new INDArray[] {m})
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9).exitOnFirstError(false)
                .callEachIter(eachIter));
    }

    @Test
    void paddedSequenceEqualsSequenceAloneAndNullMaskEqualsOnes() {
        ComputationGraph g = graph(4, 3, fast(4, 3, 1.0));
        INDArray x = input(11, 3, 4, 6);
        INDArray m = mask(6, 6, 2, 4);
        INDArray batch = activation(g, x, m, "l0", false);
        int[] lengths = {6, 2, 4};
        for (int i = 0; i < 3; i++) {
            INDArray alone = x.get(point(i), all(), interval(0, lengths[i])).dup().reshape(1, 4, lengths[i]);
            INDArray single = activation(g, alone, null, "l0", false);
            assertClose(single.get(point(0), all(), all()), batch.get(point(i), all(), interval(0, lengths[i])),
                    TOL, "example " + i);
            if (lengths[i] < 6) {
                assertEquals(0.0, batch.get(point(i), all(), interval(lengths[i], 6)).amaxNumber().doubleValue(),
                        "padded outputs of example " + i);
            }
        }
        assertClose(activation(g, x, null, "l0", false), activation(g, x, mask(6, 6, 6, 6), "l0", false), 0.0,
                "null mask vs all-ones mask");
        INDArray unmasked = activation(g, x, null, "l0", false);
        activation(g, x, m, "l0", false);
        assertEquals(unmasked, activation(g, x, null, "l0", false), "no stale mask after a masked batch");
    }

    @Test
    void rejectsMaskThatIsNotRightPadded() {
        ComputationGraph g = graph(2, 2, fast(2, 2, 1.0));
        INDArray m = mask(4, 4, 3);
        m.putScalar(1, 0, 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> output(g, input(1, 2, 2, 4), m));
        assertTrue(e.getMessage().contains("row 1") && !e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void jsonAndModelSerializerRoundTrip(@TempDir Path dir) throws Exception {
        ComputationGraph g = graph(4, 3, fast(4, 3, 0.8), fast(6, 2, 1.0));
        String json = g.getConfiguration().toJson();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(json);
        assertEquals(g.getConfiguration(), back);
        assertEquals(json, back.toJson());
        assertNotEquals(fast(4, 3, 0.8), fast(4, 3, 1.0));
        assertEquals(fast(4, 3, 0.8).hashCode(), fast(4, 3, 0.8).hashCode());
        File f = dir.resolve("m.zip").toFile();
        ModelSerializer.writeModel(g, f, true);
        ComputationGraph r = ModelSerializer.restoreComputationGraph(f, true);
        assertEquals(g.params(), r.params());
        INDArray x = input(12, 2, 4, 5);
        INDArray m = mask(5, 5, 3);
        assertEquals(output(g, x, m), output(r, x, m));
    }

    @Test
    void dropoutOnlyInTraining() {
        ComputationGraph g = graph(4, 3, fast(4, 3, 0.5));
        INDArray x = input(13, 2, 4, 5);
        INDArray m = mask(5, 5, 3);
        INDArray inference = activation(g, x, m, "l0", false);
        assertEquals(inference, activation(g, x, m, "l0", false), "inference is deterministic");
        INDArray train = activation(g, x, m, "l0", true);
        assertTrue(train.sub(inference).amaxNumber().doubleValue() > 1e-3, "training applies dropout");
        ComputationGraph plain = graph(4, 3, fast(4, 3, 1.0));
        plain.setParams(g.params().dup());
        assertClose(activation(plain, x, m, "l0", false), inference, 0.0, "inference without dropout");
        INDArray y = labels(14, 2, 3);
        INDArray g1 = gradient(g, x, m, y).gradient().dup();
        INDArray g0 = gradient(plain, x, m, y).gradient().dup();
        assertTrue(g1.sub(g0).amaxNumber().doubleValue() > 1e-6, "fit path (computeGradientAndScore) drops input");
    }

    /** fit() with SGD and decoupled weight decay on every param moves both paths to the same params. */
    @Test
    void fitWithWeightDecayMatchesStock() {
        org.deeplearning4j.nn.conf.layers.Layer lstm = new org.deeplearning4j.nn.conf.layers.LSTM.Builder().nIn(4)
                .nOut(3).activation(org.nd4j.linalg.activations.Activation.TANH)
                .gateActivationFunction(org.nd4j.linalg.activations.Activation.SIGMOID).forgetGateBiasInit(0.0)
                .weightDecay(0.1, true).weightDecayBias(0.1, true).build();
        ComputationGraph[] g = {
            graphWithUpdater(new MaskedRecurrent(new PackedBidirectional(lstm))),
            graphWithUpdater(new BiLstm.Builder().nIn(4).nOut(3).weightDecay(0.1, true).weightDecayBias(0.1, true)
                    .build())};
        g[1].setParams(g[0].params().dup());
        INDArray initial = g[0].params().dup();
        INDArray x = input(17, 3, 4, 6);
        INDArray m = mask(6, 6, 3, 5);
        INDArray y = labels(18, 3, 2);
        for (ComputationGraph net : g) {
            for (int i = 0; i < 3; i++) {
                net.fit(new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {x}, new INDArray[] {y},
                        new INDArray[] {m}, null));
            }
        }
        assertClose(g[0].params(), g[1].params(), 1e-10, "params after 3 fit steps");
        assertTrue(g[0].params().sub(initial).amaxNumber().doubleValue() > 1e-3, "fit changed the params");
    }

    private static ComputationGraph graphWithUpdater(org.deeplearning4j.nn.conf.layers.Layer layer) {
        ComputationGraphConfiguration c = new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().seed(7)
                .dataType(DataType.DOUBLE).updater(new org.nd4j.linalg.learning.config.Sgd(0.5)).graphBuilder()
                .addInputs("in").addLayer("l0", layer, "in")
                .addLayer("pool", new org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer.Builder(
                        org.deeplearning4j.nn.conf.layers.PoolingType.AVG).build(), "l0")
                .addLayer("out", new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder(
                        org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MCXENT)
                        .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).nOut(2).build(), "pool")
                .setOutputs("out").setInputTypes(org.deeplearning4j.nn.conf.inputs.InputType.recurrent(4)).build();
        ComputationGraph net = new ComputationGraph(c);
        net.init();
        return net;
    }

    @Test
    void regularizationKindsAndInitRange() {
        ComputationGraph g = graph(4, 3, fast(4, 9, 1.0));
        BiLstm conf = (BiLstm) g.getLayer("l0").conf().getLayer();
        assertEquals(List.of("fW", "fRW", "bW", "bRW"), conf.initializer().weightKeys(conf));
        assertEquals(List.of("fb", "bb"), conf.initializer().biasKeys(conf));
        INDArray p = g.getLayer("l0").params();
        assertTrue(p.amaxNumber().doubleValue() <= 1.0 / 3.0, "U(-1/sqrt(H), 1/sqrt(H))");
        assertTrue(p.amaxNumber().doubleValue() > 0.3, "spread over the range");
    }
}
