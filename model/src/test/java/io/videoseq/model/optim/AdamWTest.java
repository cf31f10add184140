package io.videoseq.model.optim;


import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class AdamWTest {

    /** Hand-computed first step; 1e-16 absolute allows the last-bit rounding of values of order 0.01-1. */
    @Test
    void firstStepIsPyTorchsFormulaByHand() {
        // t = 1: m = 0.1 g, v = 0.001 g^2, update = lr/0.1 * m / (sqrt(v)/sqrt(0.001) + eps) = lr * g / (|g| + eps)
        AdamW config = new AdamW(0.01);
        INDArray state = Nd4j.zeros(DataType.DOUBLE, 1, 6);
        GradientUpdater u = config.instantiate(state, true);
        INDArray g = Nd4j.createFromArray(0.5, -2.0, 1e-9);
        u.applyUpdater(g, 0, 0);
        double[] expected = {0.01 * 0.5 / (0.5 + 1e-8), 0.01 * -2.0 / (2.0 + 1e-8), 0.01 * 1e-9 / (1e-9 + 1e-8)};
        assertArrayEquals(expected, g.toDoubleVector(), 1e-16);
        // the moments live in the state view DL4J saves: first half m, second half v
        assertArrayEquals(new double[]{0.05, -0.2, 1e-10}, state.get(
                org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 3)).toDoubleVector(), 1e-16);
        Map<String, INDArray> s = u.getState();
        assertEquals(2, s.size());
        assertEquals(0.001 * 4.0, s.get(AdamWUpdater.V_STATE).getDouble(1), 1e-16);
    }

    /**
     * Gradients near epsilon over several steps, where epsilon's place in the denominator decides the value
     * (the fused native op rescales it by the step's bias correction).
     */
    @Test
    void epsilonStaysPyTorchsAcrossSteps() {
        AdamW config = new AdamW(0.01);
        GradientUpdater u = config.instantiate(Nd4j.zeros(DataType.DOUBLE, 1, 2), true);
        double m = 0, v = 0;
        double[] grads = {1e-9, -3e-9, 2e-8, 5e-10};
        for (int k = 0; k < grads.length; k++) {
            INDArray g = Nd4j.createFromArray(grads[k]);
            u.applyUpdater(g, k, 0);
            m = 0.9 * m + 0.1 * grads[k];
            v = 0.999 * v + 0.001 * grads[k] * grads[k];
            double expected = 0.01 / (1 - Math.pow(0.9, k + 1)) * m
                    / (Math.sqrt(v) / Math.sqrt(1 - Math.pow(0.999, k + 1)) + 1e-8);
            assertEquals(expected, g.getDouble(0), 1e-15 * Math.abs(expected), "step " + (k + 1));
        }
    }

    @Test
    void jsonRoundTripWithDl4jShadedMapper() throws Exception {
        AdamW a = new AdamW(CosineRestartSchedule.perEpoch(1e-3, 1e-6, 20, 2, 7));
        String json = NeuralNetConfiguration.mapper().writeValueAsString(a);
        IUpdater back = NeuralNetConfiguration.mapper().readValue(json, IUpdater.class);
        assertEquals(a, back, json);
        assertEquals(a.getLearningRate(30, 4), back.getLearningRate(30, 4), 0.0);
        AdamW fixed = new AdamW(0.02);
        assertEquals(fixed, NeuralNetConfiguration.mapper().readValue(
                NeuralNetConfiguration.mapper().writeValueAsString(fixed), IUpdater.class));
    }

    @Test
    void valueSemantics() {
        AdamW a = new AdamW(CosineRestartSchedule.perIteration(1e-3, 1e-6, 3, 2));
        IUpdater copy = a.clone();
        assertNotSame(a, copy);
        assertEquals(a, copy);
        assertEquals(a.hashCode(), copy.hashCode());
        assertNotEquals(a, new AdamW(1e-3));
        assertTrue(a.hasLearningRate());
        assertEquals(2 * 10, a.stateSize(10));
        assertTrue(a.toString().startsWith("AdamW(schedule=CosineRestartSchedule("), a.toString());
    }

    @Test
    void rejectsBadSettingsNamingTheField() {
        assertMessage("learningRate", () -> new AdamW(0.0));
        assertMessage("beta1", () -> new AdamW(1e-3, null, 1.0, 0.999, 1e-8));
        assertMessage("beta2", () -> new AdamW(1e-3, null, 0.9, -0.1, 1e-8));
        assertMessage("epsilon", () -> new AdamW(1e-3, null, 0.9, 0.999, 0));
        assertMessage("maxNorm", () -> new GlobalNormClipping(0));
        assertMessage("weightDecay", () -> new Optimizers.Setup(new AdamW(1e-3), -1));
        assertMessage("learningRate", () -> Optimizers.adamW(null, 5e-4));
    }

    private static void assertMessage(String field, org.junit.jupiter.api.function.Executable call) {
        String message = assertThrows(IllegalArgumentException.class, call).getMessage();
        assertTrue(message.contains(field), message);
    }
}
