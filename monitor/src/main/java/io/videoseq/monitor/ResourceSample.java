package io.videoseq.monitor;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * One measurement of the machine and this JVM; one line of the JSON Lines log (snake_case keys).
 *
 * <p>CPU percentages are averages over the window since the previous measurement of the same
 * {@link ResourceSampler} (at least {@link ResourceSampler#MIN_CPU_WINDOW_MS} ms), not instantaneous values.
 * GB means 2^30 bytes.
 *
 * @param timestamp            ISO-8601 date-time with offset, e.g. {@code 2024-05-01T12:00:00.123+02:00}
 * @param event                why the sample was taken
 * @param pid                  process id of the JVM that took it (tells runs apart in a continued log)
 * @param systemCpuPercent     whole-machine CPU busy time, [0, 100]
 * @param processCpuPercent    this JVM's CPU time as a share of all logical processors, [0, 100]
 * @param ramUsedGb            physical memory in use (total − available)
 * @param ramTotalGb           physical memory
 * @param ramPercent           {@code 100 · used / total}, [0, 100]
 * @param jvmHeapUsedBytes     Java heap in use
 * @param jvmHeapMaxBytes      Java heap limit ({@code -Xmx})
 * @param nd4jBufferBytes      bytes of ND4J array buffers that libnd4j allocated itself (its counter
 *                             {@code Nd4j.getEnvironment().getDeviceCouner(0)}; in M2.1 these are not JavaCPP
 *                             allocations, so {@code Pointer.totalBytes()} does not see them)
 * @param nd4jWorkspaceBytes   bytes reserved by ND4J workspaces ({@code AllocationsTracker}, kind WORKSPACE)
 * @param javacppBytes         bytes allocated through JavaCPP pointers ({@code Pointer.totalBytes()}, the
 *                             figure checked against {@code -Dorg.bytedeco.javacpp.maxbytes})
 * @param physicalBytes        resident memory of the whole process as JavaCPP measures it
 *                             ({@code Pointer.physicalBytes()}; JavaCPP checks it against {@code maxphysicalbytes} when one is set)
 * @param gpu                  GPU memory on a CUDA backend; {@code null} (absent from the JSON) on the CPU
 *                             backend — absent, not zero
 * @param sampleMs             how long taking this sample took, in milliseconds
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"timestamp", "event", "pid", "system_cpu_percent", "process_cpu_percent", "ram_used_gb",
        "ram_total_gb", "ram_percent", "jvm_heap_used_bytes", "jvm_heap_max_bytes", "nd4j_buffer_bytes",
        "nd4j_workspace_bytes", "javacpp_bytes", "physical_bytes", "gpu", "sample_ms"})
public record ResourceSample(@JsonProperty("timestamp") String timestamp,
                             @JsonProperty("event") SampleEvent event,
                             @JsonProperty("pid") long pid,
                             @JsonProperty("system_cpu_percent") double systemCpuPercent,
                             @JsonProperty("process_cpu_percent") double processCpuPercent,
                             @JsonProperty("ram_used_gb") double ramUsedGb,
                             @JsonProperty("ram_total_gb") double ramTotalGb,
                             @JsonProperty("ram_percent") double ramPercent,
                             @JsonProperty("jvm_heap_used_bytes") long jvmHeapUsedBytes,
                             @JsonProperty("jvm_heap_max_bytes") long jvmHeapMaxBytes,
                             @JsonProperty("nd4j_buffer_bytes") long nd4jBufferBytes,
                             @JsonProperty("nd4j_workspace_bytes") long nd4jWorkspaceBytes,
                             @JsonProperty("javacpp_bytes") long javacppBytes,
                             @JsonProperty("physical_bytes") long physicalBytes,
                             @JsonProperty("gpu") GpuMemory gpu,
                             @JsonProperty("sample_ms") double sampleMs) {

    @JsonCreator
    public ResourceSample {
        Objects.requireNonNull(timestamp, "timestamp must not be null");
        Objects.requireNonNull(event, "event must not be null");
        try {
            OffsetDateTime.parse(timestamp);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("timestamp = '" + timestamp
                    + "' is invalid: expected an ISO-8601 date-time with offset", e);
        }
        Checks.nonNegative("pid", pid);
        Checks.percent("system_cpu_percent", systemCpuPercent);
        Checks.percent("process_cpu_percent", processCpuPercent);
        Checks.nonNegative("ram_used_gb", ramUsedGb);
        Checks.nonNegative("ram_total_gb", ramTotalGb);
        Checks.percent("ram_percent", ramPercent);
        Checks.nonNegative("jvm_heap_used_bytes", jvmHeapUsedBytes);
        Checks.nonNegative("jvm_heap_max_bytes", jvmHeapMaxBytes);
        Checks.nonNegative("nd4j_buffer_bytes", nd4jBufferBytes);
        Checks.nonNegative("nd4j_workspace_bytes", nd4jWorkspaceBytes);
        Checks.nonNegative("javacpp_bytes", javacppBytes);
        Checks.nonNegative("physical_bytes", physicalBytes);
        Checks.nonNegative("sample_ms", sampleMs);
    }

    /** The timestamp as an instant (for durations across time-zone changes). */
    public Instant instant() {
        return OffsetDateTime.parse(timestamp).toInstant();
    }

    /** Off-heap bytes ND4J holds: array buffers plus workspaces. */
    public long nd4jOffHeapBytes() {
        return nd4jBufferBytes + nd4jWorkspaceBytes;
    }

    /** The same measurement under another event tag. */
    public ResourceSample withEvent(SampleEvent v) {
        return new ResourceSample(timestamp, v, pid, systemCpuPercent, processCpuPercent, ramUsedGb, ramTotalGb,
                ramPercent, jvmHeapUsedBytes, jvmHeapMaxBytes, nd4jBufferBytes, nd4jWorkspaceBytes, javacppBytes, physicalBytes,
                gpu, sampleMs);
    }
}
