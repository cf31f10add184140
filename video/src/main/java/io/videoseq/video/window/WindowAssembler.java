package io.videoseq.video.window;

import io.videoseq.inference.timeline.WindowRows;
import io.videoseq.video.Backbone;
import io.videoseq.video.Preprocessing;
import io.videoseq.video.RgbFrame;
import io.videoseq.video.decode.TimedFrameConsumer;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The backbone's front end of {@link WindowRows}: decoded frames, in time order, to the feature sequences of sliding
 * windows. Only frames some open window takes are preprocessed and run through the {@link Backbone} (in batches,
 * once each however many windows share them); memory is the open windows' rows, one batch of backbone inputs and
 * one full-size frame, whatever the length of the video.
 */
public final class WindowAssembler implements TimedFrameConsumer {
    private final WindowRows rows;
    private final Backbone backbone;
    private final Preprocessing preprocessing;
    private final int batch;
    private final float[] inputs;
    private final int[] pendingFrames;
    private int pending;

    /** @param batch frames per backbone call */
    public WindowAssembler(WindowSampling sampling, Backbone backbone, int batch,
                           Consumer<WindowRows.Assembled> out) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch: expected >= 1, found " + batch);
        }
        this.rows = new WindowRows(sampling.moments(), out);
        this.backbone = backbone;
        this.preprocessing = backbone.identity().preprocessing();
        this.batch = batch;
        this.inputs = new float[batch * preprocessing.valuesPerFrame()];
        this.pendingFrames = new int[batch];
    }

    @Override
    public boolean wants(int index, double seconds) {
        return rows.wants(index, seconds);
    }

    @Override
    public void accept(RgbFrame frame, double seconds) {
        preprocessing.apply(frame, inputs, pending * preprocessing.valuesPerFrame());
        pendingFrames[pending++] = frame.index();
        if (pending == batch) {
            flush();
        }
        if (rows.ready()) {
            flush();
            rows.decide();
        }
    }

    /** The end of the video ({@link WindowRows#finish}). */
    public void finish(double videoEnd) {
        flush();
        rows.finish(videoEnd);
    }

    /** Frames whose features are kept for open windows: bounded by the open windows' steps. */
    public int keptFrames() {
        return rows.keptFrames();
    }

    private void flush() {
        if (pending == 0) {
            return;
        }
        float[] in = pending == batch ? inputs : Arrays.copyOf(inputs, pending * preprocessing.valuesPerFrame());
        float[][] f = backbone.featuresOfInputs(in, pending);
        for (int i = 0; i < pending; i++) {
            rows.features(pendingFrames[i], f[i]);
        }
        pending = 0;
    }
}
