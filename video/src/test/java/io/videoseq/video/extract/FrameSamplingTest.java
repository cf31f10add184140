package io.videoseq.video.extract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class FrameSamplingTest {
    @Test
    void uniformIsNumpyLinspaceAsIntOverDecodedFrames() {
        FrameSampling s = FrameSampling.of(8, false);
        // np.linspace(0, 35, 8).astype(int) = [0 5 10 15 20 25 30 35]
        assertArrayEquals(new int[] {0, 5, 10, 15, 20, 25, 30, 35}, s.indices(36, 1.0));
        // np.linspace(0, 279, 8).astype(int) = [0 39 79 119 159 199 239 279]
        assertArrayEquals(new int[] {0, 39, 79, 119, 159, 199, 239, 279}, s.indices(280, 1.0));
        assertArrayEquals(new int[] {0, 1, 2}, s.indices(3, 1.0), "a short video gives all its frames");
        assertArrayEquals(new int[] {0}, s.indices(1, 1.0));
        assertArrayEquals(s.indices(36, 1.0), s.neededFrames(36));
    }

    @Test
    void speedsZoomAroundTheMiddleClampedToTheVideo() {
        FrameSampling s = FrameSampling.of(5, true);
        assertEquals(List.of(1.0, 0.85, 1.15), s.speeds());
        // N = 101, c = 50, u = 0, 25, 50, 75, 100
        assertArrayEquals(new int[] {8, 29, 50, 71, 93}, s.indices(101, 0.85));
        assertArrayEquals(new int[] {0, 21, 50, 79, 100}, s.indices(101, 1.15));
        int[] needed = s.neededFrames(101);
        assertArrayEquals(new int[] {0, 8, 21, 25, 29, 50, 71, 75, 79, 93, 100}, needed, "each frame once");
    }

    @Test
    void combineAveragesTheSpeedsPerStep() {
        FrameSampling s = FrameSampling.of(3, true);
        int decoded = 21; // u = 0, 10, 20; 0.85 -> 2, 10, 19 (round(10 +- 8.5) = 2 / 19 with half up); 1.15 -> 0, 10, 20
        int[] needed = s.neededFrames(decoded);
        float[][] f = new float[needed.length][];
        for (int k = 0; k < needed.length; k++) {
            f[k] = new float[] {needed[k], 2 * needed[k]};
        }
        float[] out = s.combine(decoded, needed, f);
        int[] a = s.indices(decoded, 1.0);
        int[] b = s.indices(decoded, 0.85);
        int[] c = s.indices(decoded, 1.15);
        for (int t = 0; t < 3; t++) {
            assertEquals((a[t] + b[t] + c[t]) / 3.0, out[2 * t], 1e-5);
            assertEquals(2 * (a[t] + b[t] + c[t]) / 3.0, out[2 * t + 1], 1e-5);
        }
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> FrameSampling.of(0, false));
        assertThrows(IllegalArgumentException.class, () -> new FrameSampling(4, List.of(-1.0)));
    }
}
