package io.videoseq.video;

import java.util.List;

/**
 * A per-frame feature extractor: frames in, one {@code featureDim()} vector per frame out ({@code [T, D]},
 * row t = frame t). Implementations apply their own {@link Preprocessing}; {@link #identity()} is what feature
 * files and models record so that features of different backbones are never mixed.
 */
public interface Backbone extends AutoCloseable {

    /** What this backbone is: weights checksum, feature layer, preprocessing. */
    BackboneIdentity identity();

    default int featureDim() {
        return identity().featureDim();
    }

    /** Features {@code [frames.size()][featureDim()]} of the frames, in order. */
    float[][] features(List<RgbFrame> frames);

    /**
     * Features {@code [n][featureDim()]} of {@code n} inputs already preprocessed by {@code identity().preprocessing()}:
     * {@code nhwc} is {@code [n, height, width, 3]} row-major, as {@link Preprocessing#apply} writes them. What
     * {@link #features} computes, for callers that resize each frame as it is decoded ({@link FrameFeatures}).
     */
    float[][] featuresOfInputs(float[] nhwc, int n);

    @Override
    default void close() {
    }
}
