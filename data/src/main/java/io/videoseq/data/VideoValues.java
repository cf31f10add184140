package io.videoseq.data;

import java.nio.file.Path;

/**
 * The checks on one video's real-frame values, row-major {@code [frames][featureDim]}, made as it is read: every
 * value finite, and not all exactly 0. One loop serves both, so validation stays a single pass over the file.
 */
final class VideoValues {
    private VideoValues() {
    }

    /**
     * @return whether every value is exactly 0 (only when {@code policy} allows it)
     * @throws NonFiniteFeatureException at the first NaN/Inf, naming frame and feature
     * @throws ZeroFramesException when every value is 0 and {@code policy} refuses that
     */
    static boolean check(Path file, int video, float[] values, int featureDim, ZeroFramePolicy policy) {
        boolean allZero = true;
        for (int k = 0; k < values.length; k++) {
            float v = values[k];
            if (!Float.isFinite(v)) {
                throw new NonFiniteFeatureException(file, FeatureFile.FEATURES, video, "finite values",
                        v + " at frame " + k / featureDim + ", feature " + k % featureDim);
            }
            allZero &= v == 0f;
        }
        if (allZero && policy == ZeroFramePolicy.REFUSE) {
            throw ZeroFramesException.ofVideo(file, video, values.length / featureDim, featureDim);
        }
        return allZero;
    }

    /** Whether every value is exactly 0; stops at the first that is not (values already checked). */
    static boolean allZero(float[] values) {
        for (float v : values) {
            if (v != 0f) {
                return false;
            }
        }
        return true;
    }
}
