package io.videoseq.model.optim;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@link AdamWOneDnn}, the FLOAT path of {@link AdamWUpdater}, against PyTorch's AdamW formula in double. */
class AdamWOneDnnTest {

    private static final int N = 1003; // not a multiple of any vector width: the primitives' tails are covered

    /**
     * Five steps with a learning rate that changes every step, gradients spread over six orders of magnitude (some
     * near epsilon) on a block that sits at an offset inside a larger view, as DL4J hands them over: the update and
     * both moments (in the state view DL4J saves) equal the formula in double to 2e-6 relative (float rounding of a
     * handful of operations), relative to the size of the terms: m summed over |g|, since m itself may cancel.
     */
    @Test
    void floatStepsMatchPyTorchsFormulaInDouble() {
        assumeTrue(AdamWOneDnnSwitch.on(), "dnnl not loadable here: the FLOAT path is adam_updater's");
        Nd4j.getRandom().setSeed(5);
        double[] lrs = {1e-3, 2e-3, 5e-4, 1e-3, 3e-3};
        AdamW config = new AdamW(1e-3);
        INDArray state = Nd4j.zeros(DataType.FLOAT, 1, 2 * N);
        config.instantiate(state, true); // zeroes the state
        double[] m = new double[N], v = new double[N];
        double[] mAbs = new double[N]; // m's recurrence on |g|: the size float rounding scales with (m may cancel)
        INDArray whole = Nd4j.zeros(DataType.FLOAT, 1, N + 7);
        for (int k = 0; k < lrs.length; k++) {
            INDArray scale = Nd4j.rand(DataType.DOUBLE, 1, N).muli(6).subi(9); // 1e-9 .. 1e-3
            INDArray gd = Nd4j.rand(DataType.DOUBLE, 1, N).subi(0.5).muli(Nd4j.math().pow(Nd4j.valueArrayOf(
                    new long[] {1, N}, 10.0), scale));
            INDArray g = whole.get(NDArrayIndex.point(0), NDArrayIndex.interval(7, N + 7));
            g.assign(gd);
            double[] gv = g.toDoubleVector(); // the float values the step sees
            AdamW stepConfig = new AdamW(lrs[k]);
            GradientUpdater<?> stepU = stepConfig.instantiate(state, false); // same state, this step's rate
            stepU.applyUpdater(g, k, 0);
            assertTrue(((AdamWUpdater) stepU).lastStepOnOneDnn(), "step " + (k + 1) + " ran on adam_updater");
            double bc1 = 1 - Math.pow(0.9, k + 1), bc2 = 1 - Math.pow(0.999, k + 1);
            for (int i = 0; i < N; i++) {
                m[i] = 0.9 * m[i] + 0.1 * gv[i];
                mAbs[i] = 0.9 * mAbs[i] + 0.1 * Math.abs(gv[i]);
                v[i] = 0.999 * v[i] + 0.001 * gv[i] * gv[i];
                double expected = lrs[k] / bc1 * m[i] / (Math.sqrt(v[i]) / Math.sqrt(bc2) + 1e-8);
                double scaleOf = lrs[k] / bc1 * mAbs[i] / (Math.sqrt(v[i]) / Math.sqrt(bc2) + 1e-8);
                assertEquals(expected, g.getDouble(i), 2e-6 * Math.max(scaleOf, 1e-8 * lrs[k]),
                        "update " + i + " step " + (k + 1));
                assertEquals(m[i], state.getDouble(0, i), 2e-6 * mAbs[i] + 1e-30, "m " + i);
                assertEquals(v[i], state.getDouble(0, N + i), 2e-6 * v[i] + 1e-30, "v " + i);
            }
        }
        GradientUpdater<?> d = config.instantiate(Nd4j.zeros(DataType.DOUBLE, 1, 2 * N), true);
        d.applyUpdater(Nd4j.zeros(DataType.DOUBLE, 1, N), 0, 0); // DOUBLE stays on adam_updater
        assertFalse(((AdamWUpdater) d).lastStepOnOneDnn());
    }

    /** The switch: {@code never} turns the oneDNN path off, anything unknown is an error naming both settings. */
    @Test
    void switchReadsPropertyAndRejectsUnknownValues() {
        String old = System.getProperty(AdamWOneDnnSwitch.PROPERTY);
        try {
            System.setProperty(AdamWOneDnnSwitch.PROPERTY, "never");
            assertFalse(AdamWOneDnnSwitch.on());
            System.setProperty(AdamWOneDnnSwitch.PROPERTY, "sometimes");
            IllegalStateException e = assertThrows(IllegalStateException.class, AdamWOneDnnSwitch::on);
            assertTrue(e.getMessage().contains(AdamWOneDnnSwitch.PROPERTY) && e.getMessage().contains("sometimes")
                    && e.getMessage().contains(AdamWOneDnnSwitch.ENV), e.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty(AdamWOneDnnSwitch.PROPERTY);
            } else {
                System.setProperty(AdamWOneDnnSwitch.PROPERTY, old);
            }
        }
    }
}
