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

    @Override
    default void close() {
    }
}
