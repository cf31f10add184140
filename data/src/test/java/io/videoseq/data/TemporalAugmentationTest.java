package io.videoseq.data;

import static org.junit.jupiter.api.Assertions.*;

import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/** Rates and invariants of the augmentation over many draws with a fixed seed. */
class TemporalAugmentationTest {
    /** Frame t holds (t+1, -(t+1)): every frame is identifiable after subset, roll and small noise. */
    private static Sequence ramp(int t) {
        float[] v = new float[t * 2];
        for (int k = 0; k < t; k++) {
            v[2 * k] = k + 1;
            v[2 * k + 1] = -(k + 1);
        }
        return new Sequence(v, t, 2, 3);
    }

    @Test
    void ratesAndInvariants() {
        TemporalAugmentation aug = TemporalAugmentation.defaults();
        Well19937c rng = new Well19937c(42);
        int draws = 20_000;
        int t = 20;
        int subsets = 0;
        int rolled = 0;
        int noisy = 0;
        int[] shiftCounts = new int[7];
        double noiseSq = 0;
        long noiseN = 0;
        Sequence in = ramp(t);
        for (int d = 0; d < draws; d++) {
            Sequence out = aug.apply(in, rng);
            assertEquals(3, out.label());
            int n = out.length();
            assertTrue(n >= Math.max((int) (t * 0.7), 8) && n <= t, "length " + n);
            int[] frame = new int[n];
            boolean anyNoise = false;
            for (int k = 0; k < n; k++) {
                float a = out.value(k, 0);
                frame[k] = Math.round(a);
                assertEquals(-frame[k], Math.round(out.value(k, 1)), "both features move together");
                double e = a - frame[k];
                anyNoise |= e != 0;
                noiseSq += e * e;
                noiseN++;
            }
            if (anyNoise) {
                noisy++;
            }
            if (n < t) {
                subsets++;
            }
            // undo the roll: the kept frames, read from the smallest, must be strictly increasing
            int minPos = 0;
            for (int k = 1; k < n; k++) {
                if (frame[k] < frame[minPos]) {
                    minPos = k;
                }
            }
            for (int k = 1; k < n; k++) {
                assertTrue(frame[(minPos + k) % n] > frame[(minPos + k - 1) % n], "sorted distinct subset");
            }
            if (minPos != 0) {
                rolled++;
                int shift = minPos <= 3 ? minPos : minPos - n;
                assertTrue(Math.abs(shift) <= 3, "shift " + shift);
                shiftCounts[shift + 3]++;
            }
        }
        assertEquals(0.5, subsets / (double) draws, 0.02);
        assertEquals(0.3 * 6 / 7, rolled / (double) draws, 0.02); // a shift of 0 is invisible
        assertEquals(0.2, noisy / (double) draws, 0.02);
        for (int s = 0; s < 7; s++) {
            if (s != 3) {
                assertEquals(rolled / 6.0, shiftCounts[s], rolled / 6.0 * 0.15, "shift " + (s - 3));
            }
        }
        double sigma = Math.sqrt(noiseSq / (noiseN * 0.2));
        assertEquals(0.01, sigma, 0.001);
        assertArrayEquals(ramp(t).values(), in.values(), "input untouched");
    }

    @Test
    void shortSequencesAreNeverTouched() {
        TemporalAugmentation aug = TemporalAugmentation.defaults();
        Well19937c rng = new Well19937c(1);
        for (int t = 1; t <= 8; t++) {
            Sequence s = ramp(t);
            for (int d = 0; d < 200; d++) {
                assertSame(s, aug.apply(s, rng));
            }
        }
        Sequence nine = ramp(9);
        boolean changed = false;
        for (int d = 0; d < 50; d++) {
            changed |= aug.apply(nine, rng) != nine;
        }
        assertTrue(changed, "9 frames is long enough to augment");
    }

    @Test
    void subsetKeepsAtLeastEightFrames() {
        TemporalAugmentation subsetOnly = new TemporalAugmentation(8, 1.0, 0.7, 8, 0, 3, 0, 0.01);
        Well19937c rng = new Well19937c(3);
        int[] tenCounts = new int[11];
        for (int d = 0; d < 500; d++) {
            tenCounts[subsetOnly.apply(ramp(10), rng).length()]++; // max(int(10 r), 8), r in [0.7, 1)
            int n = subsetOnly.apply(ramp(100), rng).length();
            assertTrue(n >= 70 && n <= 99, "length " + n);
        }
        assertEquals(500, tenCounts[8] + tenCounts[9]);
        assertEquals(500 * 2 / 3.0, tenCounts[8], 50); // int(10 r) <= 8 for r < 0.9
    }

    @Test
    void rollPreservesFramesAndIsCircular() {
        TemporalAugmentation rollOnly = new TemporalAugmentation(8, 0, 0.7, 8, 1.0, 3, 0, 0.01);
        Well19937c rng = new Well19937c(5);
        Sequence in = ramp(12);
        for (int d = 0; d < 200; d++) {
            Sequence out = rollOnly.apply(in, rng);
            float[] sorted = out.values().clone();
            float[] orig = in.values().clone();
            java.util.Arrays.sort(sorted);
            java.util.Arrays.sort(orig);
            assertArrayEquals(orig, sorted, "same multiset of values");
        }
        assertThrows(IllegalArgumentException.class, () -> new TemporalAugmentation(8, 1.5, 0.7, 8, 0, 3, 0, 0));
    }
}
