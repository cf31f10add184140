package io.videoseq.model.optim;


import com.fasterxml.jackson.databind.JsonNode;
import io.videoseq.model.Golden;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.File;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * adamw_clip.json through a real DL4J ComputationGraph and its updater: one output layer with W [3,4] and b [4]
 * (b is [1,4] in DL4J), the golden gradient injected by a listener that runs before {@link GlobalNormClipping},
 * then {@code fit} once per golden step. Tolerance 1e-9 absolute in double (the bound; the two sides
 * differ only by rounding order, ~1e-16 per step).
 */
class AdamWClipGoldenTest {
    private static final double TOL = 1e-9;
    private static final JsonNode GOLDEN = Golden.read("adamw_clip.json");
    private static final int BATCH = 2;

    /** Replaces the backprop gradient of the SUM loss by batch x the golden gradient of the mean loss. */
    static final class InjectGradient extends BaseTrainingListener {
        int step;

        @Override
        public void onGradientCalculation(Model model) {
            JsonNode s = GOLDEN.get("steps").get(step++);
            model.gradient().getGradientFor("out_W").assign(Nd4j.createFromArray(Golden.matrix(s.get("grad_w"))).muli(BATCH));
            model.gradient().getGradientFor("out_b").assign(
                    Nd4j.createFromArray(Golden.doubles(s.get("grad_b"))).reshape(1, 4).muli(BATCH));
        }
    }

    static CosineRestartSchedule schedule() {
        JsonNode s = GOLDEN.get("schedule");
        return CosineRestartSchedule.perIteration(GOLDEN.get("lr").asDouble(), s.get("eta_min").asDouble(),
                s.get("t0_iterations").asDouble(), s.get("t_mult").asDouble());
    }

    static ComputationGraph graph(Optimizers.Setup setup) {
        NeuralNetConfiguration.Builder b = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(3);
        ComputationGraphConfiguration conf = setup.applyTo(b).graphBuilder().addInputs("in")
                .addLayer("out", new OutputLayer.Builder().nIn(3).nOut(4).activation(Activation.IDENTITY)
                        .lossFunction(LossFunctions.LossFunction.MSE).build(), "in")
                .setOutputs("out").build();
        ComputationGraph g = new ComputationGraph(setup.applyTo(conf));
        g.init();
        JsonNode start = GOLDEN.get("start");
        g.getLayer("out").setParam("W", Nd4j.createFromArray(Golden.matrix(start.get("w"))));
        g.getLayer("out").setParam("b", Nd4j.createFromArray(Golden.doubles(start.get("b"))).reshape(1, 4));
        return g;
    }

    static DataSet batch() {
        return new DataSet(Nd4j.rand(DataType.DOUBLE, BATCH, 3), Nd4j.rand(DataType.DOUBLE, BATCH, 4));
    }

    private static Optimizers.Setup adamW() {
        return Optimizers.adamW(schedule(), GOLDEN.get("weight_decay").asDouble());
    }

    private static void assertParams(ComputationGraph g, JsonNode step, double tol, String what) {
        double[][] w = g.getLayer("out").getParam("W").toDoubleMatrix();
        double[][] expected = Golden.matrix(step.get("w_after"));
        for (int r = 0; r < 3; r++) {
            assertArrayEquals(expected[r], w[r], tol, what + " W row " + r);
        }
        assertArrayEquals(Golden.doubles(step.get("b_after")), g.getLayer("out").getParam("b").toDoubleVector(), tol,
                what + " b");
    }

    private static void runSteps(ComputationGraph g, InjectGradient inject, GlobalNormClipping clip, int from, int to) {
        for (int k = from; k < to; k++) {
            JsonNode step = GOLDEN.get("steps").get(k);
            // DL4J hands the updater the iteration count before it is incremented: step k uses lr f(k),
            // the value PyTorch reads before sched.step()
            assertEquals(k, g.getIterationCount());
            assertEquals(step.get("lr").asDouble(), g.getLayer("out").conf().getLayer()
                    .getUpdaterByParam("W").getLearningRate(g.getIterationCount(), g.getEpochCount()), 1e-15);
            g.fit(batch());
            assertEquals(step.get("total_norm_before_clip").asDouble(), clip.lastTotalNorm(), TOL, "norm step " + k);
            assertParams(g, step, TOL, "step " + k);
        }
    }

    @Test
    void fiveStepsOfClipAdamWAndScheduleMatchPyTorch() {
        ComputationGraph g = graph(adamW());
        InjectGradient inject = new InjectGradient();
        GlobalNormClipping clip = new GlobalNormClipping(GOLDEN.get("max_norm").asDouble());
        g.setListeners(inject, clip);
        runSteps(g, inject, clip, 0, 5);
    }

    @Test
    void resumeFromASavedModelContinuesExactly(@TempDir Path dir) throws Exception {
        ComputationGraph g = graph(adamW());
        InjectGradient inject = new InjectGradient();
        GlobalNormClipping clip = new GlobalNormClipping(1.0);
        g.setListeners(inject, clip);
        runSteps(g, inject, clip, 0, 2);
        File file = dir.resolve("model.zip").toFile();
        ModelSerializer.writeModel(g, file, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file, true);
        assertEquals(adamW().updater(), restored.getLayer("out").conf().getLayer().getUpdaterByParam("b"));
        InjectGradient resumed = new InjectGradient();
        resumed.step = 2;
        GlobalNormClipping clip2 = new GlobalNormClipping(1.0);
        restored.setListeners(resumed, clip2);
        runSteps(restored, resumed, clip2, 2, 5);
    }

    @Test
    void updaterConsumesTheClippedGradient() {
        // SGD with lr 1 and no decay: the parameter change IS the gradient the updater received
        for (double maxNorm : new double[]{1.0, 100.0}) {
            ComputationGraph g = graph(new Optimizers.Setup(new Sgd(1.0), 0.0));
            GlobalNormClipping clip = new GlobalNormClipping(maxNorm);
            g.setListeners(new InjectGradient(), clip);
            INDArray before = g.params().dup();
            g.fit(batch());
            JsonNode s = GOLDEN.get("steps").get(0);
            double norm = s.get("total_norm_before_clip").asDouble();
            double factor = Math.min(1.0, maxNorm / (norm + GlobalNormClipping.EPSILON));
            INDArray consumed = before.sub(g.params());
            INDArray gw = Nd4j.createFromArray(Golden.matrix(s.get("grad_w"))).muli(factor);
            INDArray gb = Nd4j.createFromArray(Golden.doubles(s.get("grad_b"))).muli(factor);
            double[] expectedDeltaB = gb.toDoubleVector();
            ComputationGraph reference = graph(new Optimizers.Setup(new Sgd(1.0), 0.0));
            INDArray startW = reference.getLayer("out").getParam("W");
            INDArray startB = reference.getLayer("out").getParam("b");
            double[][] w = startW.sub(g.getLayer("out").getParam("W")).toDoubleMatrix();
            double[][] expectedW = gw.toDoubleMatrix();
            for (int r = 0; r < 3; r++) {
                assertArrayEquals(expectedW[r], w[r], 1e-12, "maxNorm " + maxNorm + " W row " + r);
            }
            assertArrayEquals(expectedDeltaB, startB.sub(g.getLayer("out").getParam("b")).toDoubleVector(), 1e-12);
            assertEquals(norm * factor, consumed.norm2Number().doubleValue(), 1e-9,
                    "the consumed gradient has the clipped norm");
            assertEquals(norm, clip.lastTotalNorm(), 1e-9);
        }
    }

    @Test
    void dl4jAdamDiffersFromPyTorchBeyondTolerance() {
        // documents why AdamW exists: DL4J's Adam adds epsilon to sqrt(v), PyTorch to the bias-corrected sqrt(v)
        ComputationGraph g = graph(new Optimizers.Setup(new Adam(schedule()), 5e-4));
        g.setListeners(new InjectGradient(), new GlobalNormClipping(1.0));
        g.fit(batch());
        double[][] w = g.getLayer("out").getParam("W").toDoubleMatrix();
        double[][] expected = Golden.matrix(GOLDEN.get("steps").get(0).get("w_after"));
        double worst = 0;
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                worst = Math.max(worst, Math.abs(w[r][c] - expected[r][c]));
            }
        }
        assertTrue(worst > TOL, "DL4J Adam deviation " + worst);
    }

    @Test
    void updaterJsonRoundTripInsideGraphConfiguration() {
        ComputationGraphConfiguration conf = graph(adamW()).getConfiguration();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
        var layer = ((org.deeplearning4j.nn.conf.graph.LayerVertex) back.getVertices().get("out")).getLayerConf()
                .getLayer();
        assertEquals(adamW().updater(), layer.getUpdaterByParam("W"));
        assertEquals(1, layer.getRegularizationByParam("b").size(), "biases are decayed too");
        assertEquals(1, layer.getRegularizationByParam("W").size());
    }

    @Test
    void dl4jNetworkWideWeightDecayIsAppliedTwice() {
        // the DL4J M2.1 behaviour DecoupledWeightDecay works around (Builder.copyConfigToLayer + LayerValidation)
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().weightDecay(5e-4, true)
                .weightDecayBias(5e-4, true).graphBuilder().addInputs("in")
                .addLayer("out", new OutputLayer.Builder().nIn(3).nOut(4).build(), "in").setOutputs("out").build();
        var layer = ((org.deeplearning4j.nn.conf.graph.LayerVertex) conf.getVertices().get("out")).getLayerConf()
                .getLayer();
        assertEquals(2, layer.getRegularizationByParam("W").size());
        assertEquals(2, layer.getRegularizationByParam("b").size());
        DecoupledWeightDecay.apply(conf, 5e-4);
        assertEquals(1, layer.getRegularizationByParam("W").size());
        assertEquals(1, layer.getRegularizationByParam("b").size());
    }
}
