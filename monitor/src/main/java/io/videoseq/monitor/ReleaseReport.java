package io.videoseq.monitor;

import java.util.Objects;

/**
 * What {@link ResourceMonitor#releaseBetweenMembers()} recorded.
 *
 * @param before            sample tagged {@code release_before}
 * @param after             sample tagged {@code release_after}
 * @param nativeHeapTrimmed whether the C heap was trimmed (see {@link MemoryRelease#releaseCurrentThread()})
 */
public record ReleaseReport(ResourceSample before, ResourceSample after, boolean nativeHeapTrimmed) {

    public ReleaseReport {
        Objects.requireNonNull(before, "before must not be null");
        Objects.requireNonNull(after, "after must not be null");
    }

    /** Off-heap bytes ND4J gave back, buffers plus workspaces (negative if it grew). */
    public long nd4jFreedBytes() {
        return before.nd4jOffHeapBytes() - after.nd4jOffHeapBytes();
    }
}
