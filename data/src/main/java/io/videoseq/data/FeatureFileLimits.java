package io.videoseq.data;

/**
 * The sizes a feature file may declare before anything it declares is allocated. A file from a stranger can declare
 * any extent in a few bytes (an unallocated chunked dataset costs nothing on disk); these caps, and the storage check
 * of {@link DatasetStorage}, keep such a file from exhausting the machine.
 *
 * <p>{@link #MAX_VIDEOS} and {@link #MAX_FEATURE_DIM} are fixed: they lie far above any real data set and far below
 * what breaks the reader. The frame limit is the one a user may need to raise, for long videos sampled densely.
 *
 * @param maxFrames the largest {@code max_frames} (padded frames per video) accepted; default
 *                  {@value #DEFAULT_MAX_FRAMES}
 */
public record FeatureFileLimits(int maxFrames) {
    /**
     * Default frame limit: 10,000 frames is 5.5 minutes at 30 fps with every frame kept, where the pipeline samples
     * tens to hundreds; one training batch of 48 such videos at 2048 features is already 3.9 GB of float32.
     */
    public static final int DEFAULT_MAX_FRAMES = 10_000;
    /** YouTube-8M, the largest public video set with per-frame features, has 6.1 million videos. */
    public static final int MAX_VIDEOS = 10_000_000;
    /** CNN features are 512 to 4096 wide; three concatenated scales of the widest stay far below. */
    public static final int MAX_FEATURE_DIM = 65_536;

    public FeatureFileLimits {
        if (maxFrames < 1) {
            throw new IllegalArgumentException("max_frames_limit: expected >= 1, found " + maxFrames);
        }
    }

    /** The documented defaults. */
    public static FeatureFileLimits defaults() {
        return new FeatureFileLimits(DEFAULT_MAX_FRAMES);
    }

    /** How the message of a refused {@code max_frames} tells the user to raise the limit. */
    static final String RAISE_HINT = "raise with --max-frames-limit or the config key max_frames_limit";
}
