package io.videoseq.video.window;

import io.videoseq.video.Backbone;
import io.videoseq.video.Preprocessing;
import io.videoseq.video.RgbFrame;
import io.videoseq.video.decode.TimedFrameConsumer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Frames, in time order, to the feature sequences of sliding windows, each handed on as soon as its last moment has
 * been seen ({@link WindowSampling}). Only frames some open window takes are preprocessed and run through the
 * {@link Backbone} (in batches, once each however many windows share them), and their feature rows are kept only
 * while a window still needs them: memory is the open windows' rows (about window / stride windows of T steps),
 * one batch of backbone inputs and one full-size frame, whatever the length of the video.
 */
public final class WindowAssembler implements TimedFrameConsumer {
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

    private final WindowSampling sampling;
    private final Backbone backbone;
    private final Preprocessing preprocessing;
    private final Consumer<Assembled> out;
    private final int batch;
    private final float[] inputs;
    private final int[] pendingFrames;
    private int pending;
    private final ArrayDeque<Open> open = new ArrayDeque<>();
    private final Map<Integer, Kept> kept = new HashMap<>();
    private long nextWindow;
    private long emitted;
    private int lastTaken = -1;

    /** @param batch frames per backbone call */
    public WindowAssembler(WindowSampling sampling, Backbone backbone, int batch, Consumer<Assembled> out) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch: expected >= 1, found " + batch);
        }
        this.sampling = sampling;
        this.backbone = backbone;
        this.preprocessing = backbone.identity().preprocessing();
        this.out = out;
        this.batch = batch;
        this.inputs = new float[batch * preprocessing.valuesPerFrame()];
        this.pendingFrames = new int[batch];
    }

    @Override
    public boolean wants(int index, double seconds) {
        while (sampling.spec().start(nextWindow) <= seconds) {
            open.add(new Open(nextWindow, sampling.moments(nextWindow)));
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
        return wanted;
    }

    @Override
    public void accept(RgbFrame frame, double seconds) {
        preprocessing.apply(frame, inputs, pending * preprocessing.valuesPerFrame());
        pendingFrames[pending++] = frame.index();
        lastTaken = frame.index();
        if (pending == batch) {
            flush();
        }
        while (!open.isEmpty() && open.peek().complete()) {
            Open w = open.poll();
            emit(w, sampling.spec().start(w.k) + sampling.spec().windowSeconds());
        }
    }

    /**
     * The end of the video: windows still open are dropped (the tail after the last whole window, shorter than a
     * stride, belongs to the last window's segment), except when the video is shorter than one window: then its one
     * window takes the last frame taken for the moments past the end, and ends with the video.
     *
     * @param videoEnd the video's end in seconds
     */
    public void finish(double videoEnd) {
        if (emitted == 0 && !open.isEmpty() && lastTaken >= 0) {
            Open w = open.poll();
            while (w.next < w.order.length) {
                w.assign(w.order[w.next++], lastTaken);
            }
            if (w.lastFrame != lastTaken) {
                kept.get(lastTaken).windows++;
                w.lastFrame = lastTaken;
            }
            emit(w, Math.min(videoEnd, sampling.spec().windowSeconds()));
        }
        open.clear();
        kept.clear();
    }

    /** Frames whose features are kept for open windows: bounded by the open windows' steps. */
    public int keptFrames() {
        return kept.size();
    }

    private void emit(Open w, double end) {
        flush();
        int t = sampling.steps();
        int d = backbone.featureDim();
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
        double start = sampling.spec().start(w.k);
        Arrays.stream(w.frameOf).flatMapToInt(Arrays::stream).distinct().forEach(f -> {
            Kept k = kept.get(f);
            if (--k.windows == 0) {
                kept.remove(f);
            }
        });
        emitted++;
        out.accept(new Assembled(w.k, start, Math.max(end, start + 1e-6), rows, times));
    }

    private void flush() {
        if (pending == 0) {
            return;
        }
        float[] in = pending == batch ? inputs : Arrays.copyOf(inputs, pending * preprocessing.valuesPerFrame());
        float[][] f = backbone.featuresOfInputs(in, pending);
        for (int i = 0; i < pending; i++) {
            kept.get(pendingFrames[i]).features = f[i];
        }
        pending = 0;
    }
}
