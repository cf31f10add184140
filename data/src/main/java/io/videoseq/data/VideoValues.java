package io.videoseq.data;

import io.videoseq.data.FeatureFileException.Reason;

import java.nio.file.Path;

/**
 * The checks on one video's real-frame values, row-major {@code [frames][featureDim]}, made as it is read: every
 * value finite, and not all exactly 0. One loop serves both, so validation stays a single pass over the file.
 */
final class VideoValues {
    private final Path file;
    private final int video;
    private final int featureDim;
    private boolean allZero = true;
    private long values;

    /** A scan of video {@code video} whose blocks come in frame order through {@link #scan}. */
    VideoValues(Path file, int video, int featureDim) {
        this.file = file;
        this.video = video;
        this.featureDim = featureDim;
    }

    /**
     * @return whether every value is exactly 0 (only when {@code policy} allows it)
     * @throws FeatureFileException NON_FINITE_FEATURE: at the first NaN/Inf, naming frame and feature
     * @throws FeatureFileException ZERO_FRAMES: when every value is 0 and {@code policy} refuses that
     */
    static boolean check(Path file, int video, float[] values, int featureDim, ZeroFramePolicy policy) {
        VideoValues check = new VideoValues(file, video, featureDim);
        check.scan(values, values.length, 0);
        return check.finish(policy);
    }

    /**
     * Checks the first {@code count} values of {@code block}, which start at frame {@code firstFrame}.
     *
     * @throws FeatureFileException NON_FINITE_FEATURE: at the first NaN/Inf, naming frame and feature
     */
    void scan(float[] block, int count, int firstFrame) {
        boolean zero = allZero;
        for (int k = 0; k < count; k++) {
            float v = block[k];
            if (!Float.isFinite(v)) {
                throw new FeatureFileException(Reason.NON_FINITE_FEATURE, file, FeatureFile.FEATURES, video,
                        "finite values",
                        v + " at frame " + (firstFrame + k / featureDim) + ", feature " + k % featureDim);
            }
            zero &= v == 0f;
        }
        allZero = zero;
        values += count;
    }

    /**
     * @return whether every value scanned is exactly 0 (only when {@code policy} allows it)
     * @throws FeatureFileException ZERO_FRAMES: when every value is 0 and {@code policy} refuses that
     */
    boolean finish(ZeroFramePolicy policy) {
        if (allZero && policy == ZeroFramePolicy.REFUSE) {
            throw FeatureFileException.zeroFrames(file, video, (int) (values / featureDim), featureDim);
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
