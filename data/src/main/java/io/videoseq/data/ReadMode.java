package io.videoseq.data;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How {@link FeatureFile} reads features: one hyperslab per video on demand, or the whole split at open. The JSON
 * names are the training configuration's {@code read_mode} values.
 */
public enum ReadMode {
    /** Read each video's frames {@code [0, num_frames)} when asked; memory stays small (files larger than RAM). */
    @JsonProperty("per_video") PER_VIDEO,
    /** Read and validate every video at open and serve copies from memory; for splits that fit in RAM. */
    @JsonProperty("in_memory") IN_MEMORY
}
