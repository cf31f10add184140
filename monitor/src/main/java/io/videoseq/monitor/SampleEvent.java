package io.videoseq.monitor;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Why a {@link ResourceSample} was taken; written as the lower-case {@code event} field of the log. */
public enum SampleEvent {
    /** First sample, taken by {@link ResourceMonitor#start()}. */
    @JsonProperty("start") START,
    /** Periodic sample of the background thread. */
    @JsonProperty("interval") INTERVAL,
    /** Final sample, taken by {@link ResourceMonitor#stop()}. */
    @JsonProperty("stop") STOP,
    /** Taken by {@link ResourceMonitorListener} at the end of an epoch. */
    @JsonProperty("epoch_end") EPOCH_END,
    /** Just before {@link MemoryRelease#releaseCurrentThread()} between ensemble members. */
    @JsonProperty("release_before") RELEASE_BEFORE,
    /** Just after {@link MemoryRelease#releaseCurrentThread()}. */
    @JsonProperty("release_after") RELEASE_AFTER,
    /** Taken on request through {@link ResourceMonitor#record(SampleEvent)}. */
    @JsonProperty("manual") MANUAL
}
