package io.videoseq.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Summary of a resource log, as the original's {@code get_summary()}.
 *
 * @param samples          number of samples
 * @param durationHours    hours from the earliest to the latest sample timestamp (0 for fewer than two)
 * @param systemCpuPercent stats of {@code system_cpu_percent}; {@code null} without samples
 * @param ramUsedGb        stats of {@code ram_used_gb}; {@code null} without samples
 * @param gpuAllocatedGb   stats of {@code gpu.allocated_gb} over the samples that have GPU memory;
 *                         {@code null} (absent) when none has, e.g. on the CPU backend
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourceSummary(@JsonProperty("samples") int samples,
                              @JsonProperty("duration_hours") double durationHours,
                              @JsonProperty("system_cpu_percent") Stats systemCpuPercent,
                              @JsonProperty("ram_used_gb") Stats ramUsedGb,
                              @JsonProperty("gpu_allocated_gb") Stats gpuAllocatedGb) {

    public ResourceSummary {
        Checks.nonNegative("samples", samples);
        Checks.nonNegative("duration_hours", durationHours);
    }

    public static ResourceSummary of(List<ResourceSample> samples) {
        Objects.requireNonNull(samples, "samples must not be null");
        double hours = 0.0;
        if (samples.size() >= 2) {
            Instant first = samples.get(0).instant();
            Instant last = first;
            for (ResourceSample s : samples) {
                Instant t = s.instant();
                first = t.isBefore(first) ? t : first;
                last = t.isAfter(last) ? t : last;
            }
            hours = Duration.between(first, last).toNanos() / 3.6e12;
        }
        List<GpuMemory> gpu = samples.stream().map(ResourceSample::gpu).filter(Objects::nonNull).toList();
        return new ResourceSummary(samples.size(), hours,
                Stats.of(samples, ResourceSample::systemCpuPercent),
                Stats.of(samples, ResourceSample::ramUsedGb),
                Stats.of(gpu, GpuMemory::allocatedGb));
    }
}
