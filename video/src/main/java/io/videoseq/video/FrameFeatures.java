package io.videoseq.video;

import io.videoseq.video.decode.FrameConsumer;
import java.util.Arrays;

/**
 * Frames to features while they are decoded: each frame is preprocessed ({@link Preprocessing#apply}, the backbone's
 * own resize) as soon as it arrives and its full-size pixels are dropped; every {@code batch} preprocessed frames
 * run through the {@link Backbone} together. Memory is one full-size frame, one batch of backbone inputs and the
 * feature rows, whatever the video's resolution or the number of frames. The features are those of
 * {@link Backbone#features} on the same frames, bit for bit (same preprocessing code, same batching).
 */
public final class FrameFeatures implements FrameConsumer {
    private final Backbone backbone;
    private final Preprocessing preprocessing;
    private final int batch;
    private final float[] inputs;
    private final float[][] rows;
    private int pending;
    private int done;

    /**
     * @param frames how many frames will arrive
     * @param batch  frames per backbone call
     */
    public FrameFeatures(Backbone backbone, int frames, int batch) {
        if (frames < 0 || batch < 1) {
            throw new IllegalArgumentException("frames, batch: expected >= 0 and >= 1, found " + frames + ", "
                    + batch);
        }
        this.backbone = backbone;
        this.preprocessing = backbone.identity().preprocessing();
        this.batch = Math.max(1, Math.min(batch, frames));
        this.inputs = new float[this.batch * preprocessing.valuesPerFrame()];
        this.rows = new float[frames][];
    }

    @Override
    public void accept(RgbFrame frame) {
        if (done + pending >= rows.length) {
            throw new IllegalStateException("expected " + rows.length + " frames, found more");
        }
        preprocessing.apply(frame, inputs, pending * preprocessing.valuesPerFrame());
        pending++;
        if (pending == batch) {
            flush();
        }
    }

    /** The features {@code [frames][featureDim]}, in arrival order, once every frame arrived. */
    public float[][] features() {
        flush();
        if (done != rows.length) {
            throw new IllegalStateException("expected " + rows.length + " frames, found " + done);
        }
        return rows;
    }

    private void flush() {
        if (pending == 0) {
            return;
        }
        float[] in = pending == batch ? inputs : Arrays.copyOf(inputs, pending * preprocessing.valuesPerFrame());
        float[][] f = backbone.featuresOfInputs(in, pending);
        System.arraycopy(f, 0, rows, done, pending);
        done += pending;
        pending = 0;
    }
}
