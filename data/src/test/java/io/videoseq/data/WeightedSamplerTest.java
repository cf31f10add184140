package io.videoseq.data;

import static org.junit.jupiter.api.Assertions.*;

import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;

class WeightedSamplerTest {
    @Test
    void epochOrderIsAPureFunctionOfSeedAndEpoch() {
        WeightedSampler s = new WeightedSampler(new double[] {1, 2, 3, 4, 5});
        assertArrayEquals(s.epochOrder(7, 3), new WeightedSampler(new double[] {1, 2, 3, 4, 5}).epochOrder(7, 3));
        assertFalse(java.util.Arrays.equals(s.epochOrder(7, 3), s.epochOrder(7, 4)));
        assertFalse(java.util.Arrays.equals(s.epochOrder(7, 3), s.epochOrder(8, 3)));
        assertEquals(5, s.epochOrder(1, 0).length);
    }

    /** Counts over many epochs follow the weights (chi-square, fixed seed); a zero weight is never drawn. */
    @Test
    void drawsProportionalToWeight() {
        int[] labels = new int[40];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i < 28 ? 0 : i < 36 ? 1 : 2; // 70 % / 20 % / 10 %
        }
        double[] cw = ClassWeights.compute(labels, 3);
        double[] w = ClassWeights.perVideo(labels, cw);
        w[39] = 0;
        WeightedSampler s = new WeightedSampler(w);
        long[] counts = new long[40];
        for (int e = 0; e < 500; e++) {
            for (int i : s.epochOrder(11, e)) {
                counts[i]++;
            }
        }
        assertEquals(0, counts[39]);
        double total = 0;
        for (double x : w) {
            total += x;
        }
        double[] expected = new double[39];
        long[] observed = new long[39];
        for (int i = 0; i < 39; i++) {
            expected[i] = w[i] / total * 500 * 40;
            observed[i] = counts[i];
        }
        double p = new ChiSquareTest().chiSquareTest(expected, observed);
        assertTrue(p > 1e-3, "chi-square p = " + p);
        // class shares follow the summed weights (clipping keeps class 0 below a perfectly balanced third)
        double[] share = new double[3];
        long[] perClass = new long[3];
        for (int i = 0; i < 40; i++) {
            share[labels[i]] += w[i] / total;
            perClass[labels[i]] += counts[i];
        }
        for (int c = 0; c < 3; c++) {
            assertEquals(share[c], perClass[c] / (500.0 * 40), 0.01, "class " + c);
        }
    }

    @Test
    void rejectsBadWeights() {
        assertThrows(IllegalArgumentException.class, () -> new WeightedSampler(new double[] {1, -1}));
        assertThrows(IllegalArgumentException.class, () -> new WeightedSampler(new double[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> new WeightedSampler(new double[] {Double.NaN}));
    }
}
