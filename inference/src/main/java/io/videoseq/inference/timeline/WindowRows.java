package io.videoseq.inference.timeline;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Frames, in time order, to the feature sequences of sliding windows ({@link WindowMoments}), each handed on as
 * soon as its last moment has been seen and the features of its frames are known. A frame's features are asked for
 * only when some open window takes it, and kept only while a window still needs them: memory is the open windows'
 * rows (about window / stride windows of T steps), whatever the length of the video. The features of a frame may
 * arrive later than the frame itself ({@link #features}), as they do from a backbone that runs in batches.
 */
public final class WindowRows {
    /** A window's feature sequence {@code rows[step][feature]} and the time of the frame each step took. */
    public record Assembled(long index, double start, double end, float[][] rows, double[] stepTimes) {
    }

    private static final class Open {
        final long k;
        final double[][] moments;
        final int[][] frameOf;
        /** (speed, step) pairs by increasing moment: the order frames satisfy them. */
        final int[] order;
        int next;
        int lastFrame = -1;

        Open(long k, double[][] moments) {
            this.k = k;
            this.moments = moments;
            int t = moments[0].length;
            this.frameOf = new int[moments.length][t];
            Integer[] o = new Integer[moments.length * t];
            for (int i = 0; i < o.length; i++) {
                o[i] = i;
            }
            Arrays.sort(o, (x, y) -> Double.compare(moments[x / t][x % t], moments[y / t][y % t]));
            this.order = Arrays.stream(o).mapToInt(Integer::intValue).toArray();
        }

        double moment(int pair) {
            int t = moments[0].length;
            return moments[pair / t][pair % t];
        }

        void assign(int pair, int frame) {
            int t = moments[0].length;
            frameOf[pair / t][pair % t] = frame;
        }

        boolean complete() {
            return next == order.length;
        }
    }

    private static final class Kept {
        final double time;
        float[] features;
        int windows;

        Kept(double time) {
            this.time = time;
        }
    }

    private final WindowMoments moments;
    private final Consumer<Assembled> out;
    private final ArrayDeque<Open> open = new ArrayDeque<>();
    private final Map<Integer, Kept> kept = new HashMap<>();
    private long nextWindow;
    private long emitted;
    private int lastTaken = -1;

    public WindowRows(WindowMoments moments, Consumer<Assembled> out) {
        this.moments = moments;
        this.out = out;
    }

    public WindowMoments moments() {
        return moments;
    }

    /**
     * Frame {@code index} (0-based, in time order) is shown at {@code seconds}: whether some window takes it, in
     * which case its features must be given ({@link #features}) before the next {@link #decide}.
     */
    public boolean wants(int index, double seconds) {
        while (moments.spec().start(nextWindow) <= seconds) {
            open.add(new Open(nextWindow, moments.moments(nextWindow)));
            nextWindow++;
        }
        boolean wanted = false;
        for (Open w : open) {
            while (w.next < w.order.length && w.moment(w.order[w.next]) <= seconds) {
                w.assign(w.order[w.next], index);
                w.next++;
                if (w.lastFrame != index) {
                    w.lastFrame = index;
                    kept.computeIfAbsent(index, i -> new Kept(seconds)).windows++;
                }
                wanted = true;
            }
        }
        if (wanted) {
            lastTaken = index;
        }
        return wanted;
    }

    /** The features of a frame {@link #wants} took. */
    public void features(int index, float[] row) {
        Kept k = kept.get(index);
        if (k == null) {
            throw new IllegalArgumentException("frame " + index + ": expected a frame a window took, found another");
        }
        k.features = row;
    }

    /** Whether the oldest open window has all its frames (their features may still be pending). */
    public boolean ready() {
        return !open.isEmpty() && open.peek().complete();
    }

    /** Hands on every window whose frames have all been seen, in order; their features must be known. */
    public void decide() {
        while (ready()) {
            Open w = open.poll();
            emit(w, moments.spec().start(w.k) + moments.spec().windowSeconds());
        }
    }

    /**
     * The end of the video: windows still open are dropped (the tail after the last whole window, shorter than a
     * stride, belongs to the last window's segment), except when the video is shorter than one window: then its one
     * window takes the last frame taken for the moments past the end, and ends with the video. The features of
     * every frame taken must be known.
     *
     * @param videoEnd the video's end in seconds
     */
    public void finish(double videoEnd) {
        decide();
        if (emitted == 0 && !open.isEmpty() && lastTaken >= 0) {
            Open w = open.poll();
            while (w.next < w.order.length) {
                w.assign(w.order[w.next++], lastTaken);
            }
            if (w.lastFrame != lastTaken) {
                kept.get(lastTaken).windows++;
                w.lastFrame = lastTaken;
            }
            emit(w, Math.min(videoEnd, moments.spec().windowSeconds()));
        }
        open.clear();
        kept.clear();
    }

    /** Frames whose features are kept for open windows: bounded by the open windows' steps. */
    public int keptFrames() {
        return kept.size();
    }

    private void emit(Open w, double end) {
        int t = moments.steps();
        int d = kept.get(w.frameOf[0][0]).features.length;
        float[][] rows = new float[t][d];
        double[] times = new double[t];
        for (int j = 0; j < t; j++) {
            double[] sum = new double[d];
            for (int[] speed : w.frameOf) {
                float[] f = kept.get(speed[j]).features;
                for (int i = 0; i < d; i++) {
                    sum[i] += f[i];
                }
            }
            for (int i = 0; i < d; i++) {
                rows[j][i] = (float) (sum[i] / w.frameOf.length);
            }
            times[j] = kept.get(w.frameOf[0][j]).time;
        }
        double start = moments.spec().start(w.k);
        Arrays.stream(w.frameOf).flatMapToInt(Arrays::stream).distinct().forEach(f -> {
            Kept k = kept.get(f);
            if (--k.windows == 0) {
                kept.remove(f);
            }
        });
        emitted++;
        out.accept(new Assembled(w.k, start, Math.max(end, start + 1e-6), rows, times));
    }
}
