package io.videoseq.model.optim;

import com.fasterxml.jackson.databind.JsonNode;
import io.videoseq.model.Golden;
import io.videoseq.model.optim.CosineRestartSchedule.ScheduleUnit;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.schedule.ISchedule;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Both schedule modes against PyTorch's CosineAnnealingWarmRestarts (cosine_restarts.json). Tolerance 1e-12
 * absolute on rates of order 1e-3: the same closed form is evaluated, only cos() rounding differs.
 */
class CosineRestartScheduleTest {
    private static final double TOL = 1e-12;
    private static final JsonNode GOLDEN = Golden.read("cosine_restarts.json");

    private static CosineRestartSchedule literal() {
        return CosineRestartSchedule.perIteration(GOLDEN.get("base_lr").asDouble(), GOLDEN.get("eta_min").asDouble(),
                GOLDEN.get("t0").asDouble(), GOLDEN.get("t_mult").asDouble());
    }

    private static CosineRestartSchedule intent() {
        return CosineRestartSchedule.perEpoch(GOLDEN.get("base_lr").asDouble(), GOLDEN.get("eta_min").asDouble(),
                GOLDEN.get("t0").asDouble(), GOLDEN.get("t_mult").asDouble(),
                GOLDEN.get("epoch_cycles").get("iterations_per_epoch").asInt());
    }

    @Test
    void iterationModeMatchesPyTorchPerBatchStepping() {
        double[] expected = Golden.doubles(GOLDEN.get("per_batch_literal").get("lr"));
        CosineRestartSchedule s = literal();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], s.valueAt(i, 0), TOL, "iteration " + i);
        }
    }

    @Test
    void epochModeMatchesFractionalEpochPositions() {
        double[] expected = Golden.doubles(GOLDEN.get("epoch_cycles").get("lr"));
        CosineRestartSchedule s = intent();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], s.valueAt(i, i / 7), TOL, "iteration " + i);
        }
    }

    @ParameterizedTest(name = "restart at iteration {0}")
    @CsvSource({"20", "60", "140", "300"})
    void iterationRestartsLandExactlyOnTheirBoundary(int boundary) {
        CosineRestartSchedule s = literal();
        assertEquals(1e-3, s.valueAt(boundary, 0), 0.0);
        assertTrue(s.valueAt(boundary - 1, 0) < 1e-3 * 0.02, "just before the restart the rate is near etaMin");
    }

    @ParameterizedTest(name = "restart at epoch {0}")
    @CsvSource({"20", "60", "140"})
    void epochRestartsLandExactlyOnTheirBoundary(int epoch) {
        CosineRestartSchedule s = intent();
        assertEquals(1e-3, s.valueAt(epoch * 7, epoch), 0.0);
        assertTrue(s.valueAt(epoch * 7 - 1, epoch - 1) < 1e-3 * 0.01);
        assertTrue(s.valueAt(epoch * 7 + 1, epoch) < 1e-3, "the rate changes inside the epoch");
    }

    @Test
    void valueIsAPureFunctionOfTheIteration() {
        CosineRestartSchedule s = intent();
        double a = s.valueAt(33, 4);
        s.valueAt(500, 71);
        assertEquals(a, s.valueAt(33, 4), 0.0);
        assertEquals(a, s.valueAt(33, 0), 0.0, "the DL4J epoch argument is ignored");
    }

    @Test
    void rejectsInvalidSettingsNamingTheField() {
        assertMessage("t0", () -> CosineRestartSchedule.perIteration(1e-3, 1e-6, 0, 2));
        assertMessage("t0", () -> CosineRestartSchedule.perIteration(1e-3, 1e-6, -3, 2));
        assertMessage("tMult", () -> CosineRestartSchedule.perIteration(1e-3, 1e-6, 20, 0.5));
        assertMessage("iterationsPerEpoch", () -> CosineRestartSchedule.perEpoch(1e-3, 1e-6, 20, 2, 0));
        assertMessage("etaMin", () -> CosineRestartSchedule.perIteration(1e-3, 2e-3, 20, 2));
        assertMessage("baseLr", () -> CosineRestartSchedule.perIteration(0, 0, 20, 2));
        assertMessage("unit", () -> new CosineRestartSchedule(1e-3, 1e-6, 20, 2, null, 0));
        assertMessage("iteration", () -> literal().valueAt(-1, 0));
    }

    private static void assertMessage(String field, org.junit.jupiter.api.function.Executable call) {
        String message = assertThrows(IllegalArgumentException.class, call).getMessage();
        assertTrue(message.contains(field), message);
    }

    @Test
    void jsonRoundTripWithDl4jShadedMapper() throws Exception {
        for (CosineRestartSchedule s : new CosineRestartSchedule[]{literal(), intent()}) {
            String json = NeuralNetConfiguration.mapper().writeValueAsString(s);
            ISchedule back = NeuralNetConfiguration.mapper().readValue(json, ISchedule.class);
            assertEquals(s, back, json);
            assertEquals(s.valueAt(77, 11), back.valueAt(77, 11), 0.0);
        }
    }

    @Test
    void cloneAndValueSemantics() {
        CosineRestartSchedule s = intent();
        ISchedule copy = s.clone();
        assertNotSame(s, copy);
        assertEquals(s, copy);
        assertEquals(s.hashCode(), copy.hashCode());
        assertNotEquals(s, literal());
        assertEquals(ScheduleUnit.ITERATIONS, literal().unit());
        assertEquals(0, literal().iterationsPerEpoch());
        assertTrue(s.toString().contains("iterationsPerEpoch=7"), s.toString());
    }
}
