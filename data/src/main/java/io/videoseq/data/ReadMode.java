package io.videoseq.data;

/** How {@link FeatureFile} reads features: one hyperslab per video on demand, or the whole split at open. */
public enum ReadMode {
    /** Read each video's frames {@code [0, num_frames)} when asked; memory stays small (files larger than RAM). */
    PER_VIDEO,
    /** Read and validate every video at open and serve copies from memory; for splits that fit in RAM. */
    IN_MEMORY
}
