package io.videoseq.video.window;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.videoseq.inference.timeline.WindowRows;
import io.videoseq.inference.timeline.WindowSpec;
import io.videoseq.video.Backbone;
import io.videoseq.video.BackboneIdentity;
import io.videoseq.video.Preprocessing;
import io.videoseq.video.RgbFrame;
import io.videoseq.video.extract.FrameSampling;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which frame each step of each window takes, on streams of 1-pixel frames whose colour is their index (the fake
 * backbone's features are that colour, so a row says which frame it came from).
 */
class WindowAssemblerTest {
    /** Features {@code [index % 256, index / 256]} of a frame painted by {@link #frame}. */
    static class IndexBackbone implements Backbone {
        int frames;

        @Override
        public BackboneIdentity identity() {
            return new BackboneIdentity("test", "x", "0", "l", 2, Preprocessing.of(1, Preprocessing.ChannelOrder.RGB,
                    0, 1));
        }

        @Override
        public float[][] features(List<RgbFrame> f) {
            throw new UnsupportedOperationException();
        }

        @Override
        public float[][] featuresOfInputs(float[] nhwc, int n) {
            frames += n;
            float[][] out = new float[n][];
            for (int i = 0; i < n; i++) {
                out[i] = new float[] {nhwc[i * 3], nhwc[i * 3 + 1]};
            }
            return out;
        }
    }

    static RgbFrame frame(int index) {
        return new RgbFrame(index, 1, 1, new byte[] {(byte) (index % 256), (byte) (index / 256), 0});
    }

    static int frameOf(float[] row) {
        return Math.round(row[0]) + 256 * Math.round(row[1]);
    }

    private final IndexBackbone backbone = new IndexBackbone();
    private final List<WindowRows.Assembled> windows = new ArrayList<>();
    private int maxKept;

    private WindowAssembler assembler(double window, double stride, FrameSampling sampling) {
        return new WindowAssembler(new WindowSampling(new WindowSpec(window, stride), sampling), backbone, 4,
                windows::add);
    }

    /** Feeds frames at {@code times} as the decoder would; returns the video's end. */
    private double feed(WindowAssembler a, double[] times) {
        for (int i = 0; i < times.length; i++) {
            if (a.wants(i, times[i])) {
                a.accept(frame(i), times[i]);
            }
            maxKept = Math.max(maxKept, a.keptFrames());
        }
        double end = times[times.length - 1] + 0.1;
        a.finish(end);
        return end;
    }

    private static double[] everyTenth(int frames) {
        double[] t = new double[frames];
        for (int i = 0; i < frames; i++) {
            t[i] = i / 10.0;
        }
        return t;
    }

    @Test
    void eachStepTakesTheFirstFrameShownAtOrAfterItsMoment() {
        // 10 s at 10 fps; windows of 2 s every 1 s, 4 steps at 0, 0.5, 1, 1.5 s into the window.
        feed(assembler(2, 1, FrameSampling.of(4, false)), everyTenth(100));
        assertEquals(9, windows.size(), "windows starting at 0..8 s end by 9.9 s; one starting at 9 s would not");
        for (int k = 0; k < windows.size(); k++) {
            WindowRows.Assembled w = windows.get(k);
            assertEquals(k, w.index());
            assertEquals(k, w.start(), 1e-9);
            assertEquals(k + 2, w.end(), 1e-9);
            for (int j = 0; j < 4; j++) {
                assertEquals(10 * k + 5 * j, frameOf(w.rows()[j]), "window " + k + " step " + j);
                assertEquals(k + 0.5 * j, w.stepTimes()[j], 1e-9);
            }
        }
        assertEquals(9 * 4 - 8 * 2, backbone.frames, "frames shared by overlapping windows run once");
    }

    @Test
    void timesNotFrameCountsPlaceTheSteps() {
        // A variable frame rate: 2 s at 5 fps, then 30 fps. Window 1 (1..3 s) steps at 1, 1.5, 2, 2.5 s.
        List<Double> t = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            t.add(i / 5.0);
        }
        for (int i = 0; i < 60; i++) {
            t.add(2 + i / 30.0);
        }
        double[] times = t.stream().mapToDouble(Double::doubleValue).toArray();
        feed(assembler(2, 1, FrameSampling.of(4, false)), times);
        WindowRows.Assembled w = windows.get(1);
        assertArrayEquals(new double[] {1.0, 1.6, 2.0, 2.5}, w.stepTimes(), 1e-9);
        assertEquals(5, frameOf(w.rows()[0]));
        assertEquals(8, frameOf(w.rows()[1]), "1.5 s falls between frames at 1.4 and 1.6 s: the one shown after");
        assertEquals(10, frameOf(w.rows()[2]));
        assertEquals(25, frameOf(w.rows()[3]));
    }

    @Test
    void speedsAreAveragedPerStep() {
        // Speed 0.5 squeezes the steps towards the middle of 0..1.5 s: 0.375, 0.625, 0.875, 1.125 s.
        feed(assembler(2, 2, new FrameSampling(4, List.of(1.0, 0.5))), everyTenth(40));
        float[][] rows = windows.get(0).rows();
        int[] speed1 = {0, 5, 10, 15};
        int[] half = {4, 7, 9, 12};
        for (int j = 0; j < 4; j++) {
            assertEquals((speed1[j] + half[j]) / 2.0, rows[j][0], 1e-6, "step " + j);
        }
    }

    @Test
    void aVideoShorterThanOneWindowIsOneWindowEndingWithIt() {
        double end = feed(assembler(4, 2, FrameSampling.of(4, false)), everyTenth(15));
        assertEquals(1, windows.size());
        WindowRows.Assembled w = windows.get(0);
        assertEquals(end, w.end(), 1e-9);
        assertEquals(0, frameOf(w.rows()[0]));
        assertEquals(10, frameOf(w.rows()[1]));
        assertEquals(10, frameOf(w.rows()[2]), "the moment at 2 s is past the end: the last frame taken");
    }

    @Test
    void memoryDoesNotGrowWithTheVideo() {
        // Two hours at 30 fps: only the open windows' frames are kept.
        double[] times = new double[2 * 3600 * 30];
        for (int i = 0; i < times.length; i++) {
            times[i] = i / 30.0;
        }
        FrameSampling sampling = FrameSampling.of(16, true);
        feed(assembler(4, 1, sampling), times);
        assertEquals(7200 - 3, windows.size());
        int openWindows = 4 + 1;
        assertTrue(maxKept <= openWindows * 16 * 3, "kept " + maxKept);
        assertTrue(maxKept < 200, "kept " + maxKept);
    }
}
