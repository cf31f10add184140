package io.videoseq.data;

/**
 * Parameters of the synthetic data set: videos per split, feature size, classes, frame-count range
 * (inclusive), file-name suffix and seed.
 */
public record SyntheticDataSpec(int trainVideos, int valVideos, int testVideos, int featureDim, int numClasses,
                                int minFrames, int maxFrames, String suffix, long seed) {
    public SyntheticDataSpec {
        atLeast("trainVideos", trainVideos, 1);
        atLeast("valVideos", valVideos, 1);
        atLeast("testVideos", testVideos, 1);
        atLeast("featureDim", featureDim, 1);
        atLeast("numClasses", numClasses, 2);
        atLeast("minFrames", minFrames, 1);
        atLeast("maxFrames", maxFrames, minFrames);
        if ((long) maxFrames * featureDim > 1 << 28) {
            throw new IllegalArgumentException("maxFrames * featureDim: expected <= " + (1 << 28) + ", found "
                    + (long) maxFrames * featureDim);
        }
        if (suffix == null || suffix.contains("/")) {
            throw new IllegalArgumentException("suffix: expected a file-name fragment, found " + suffix);
        }
    }

    /** The shape of the shared test fixtures: 120/40/40 videos, 16 features, 4 classes, 5..30 frames. */
    public static SyntheticDataSpec small(long seed) {
        return new SyntheticDataSpec(120, 40, 40, 16, 4, 5, 30, "", seed);
    }

    private static void atLeast(String field, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(field + ": expected >= " + min + ", found " + value);
        }
    }
}
