package io.videoseq.monitor;

/** Hand-built samples for tests that must not depend on the machine. */
final class Samples {

    private Samples() {
    }

    static ResourceSample cpuOnly(String timestamp, double cpu, double ramUsedGb) {
        return new ResourceSample(timestamp, SampleEvent.INTERVAL, 4242L, cpu, cpu / 2, ramUsedGb, 64.0,
                100.0 * ramUsedGb / 64.0, 1_000_000L, 4_000_000_000L, 64L << 20, 8L << 20, 123_456L, 987_654_321L, null, 1.25);
    }

    static ResourceSample withGpu(String timestamp, double cpu, double ramUsedGb, double gpuAllocatedGb) {
        return new ResourceSample(timestamp, SampleEvent.INTERVAL, 4242L, cpu, cpu / 2, ramUsedGb, 64.0,
                100.0 * ramUsedGb / 64.0, 1_000_000L, 4_000_000_000L, 64L << 20, 8L << 20, 123_456L, 987_654_321L,
                new GpuMemory(gpuAllocatedGb, gpuAllocatedGb + 0.5, gpuAllocatedGb + 1.0), 1.25);
    }
}
