package io.videoseq.monitor;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ResourceSummaryTest {

    private static final double EPS = 1e-12;

    @Test
    void cpuOnlySamplesHaveNoGpuStats() {
        List<ResourceSample> s = List.of(
                Samples.cpuOnly("2024-05-01T10:00:00Z", 10.0, 4.0),
                Samples.cpuOnly("2024-05-01T10:30:00Z", 40.0, 8.0),
                Samples.cpuOnly("2024-05-01T11:30:00Z", 25.0, 6.0));
        ResourceSummary r = ResourceSummary.of(s);
        assertEquals(3, r.samples());
        assertEquals(1.5, r.durationHours(), EPS);
        assertEquals(25.0, r.systemCpuPercent().mean(), EPS);
        assertEquals(40.0, r.systemCpuPercent().max(), EPS);
        assertEquals(10.0, r.systemCpuPercent().min(), EPS);
        assertEquals(6.0, r.ramUsedGb().mean(), EPS);
        assertEquals(8.0, r.ramUsedGb().max(), EPS);
        assertEquals(4.0, r.ramUsedGb().min(), EPS);
        assertNull(r.gpuAllocatedGb());
    }

    @Test
    void gpuStatsCoverOnlySamplesWithGpuAndDurationUsesInstants() {
        // +02:00 offset: 12:15+02:00 is 10:15Z, so the span is 10:00Z..10:45Z whatever the order
        List<ResourceSample> s = List.of(
                Samples.withGpu("2024-05-01T10:45:00Z", 50.0, 2.0, 3.0),
                Samples.cpuOnly("2024-05-01T10:00:00Z", 30.0, 1.0),
                Samples.withGpu("2024-05-01T12:15:00+02:00", 70.0, 3.0, 1.0));
        ResourceSummary r = ResourceSummary.of(s);
        assertEquals(0.75, r.durationHours(), EPS);
        assertEquals(50.0, r.systemCpuPercent().mean(), EPS);
        assertEquals(2.0, r.gpuAllocatedGb().mean(), EPS);
        assertEquals(3.0, r.gpuAllocatedGb().max(), EPS);
        assertEquals(1.0, r.gpuAllocatedGb().min(), EPS);
    }

    @Test
    void emptyAndSingleSampleLogs() {
        ResourceSummary empty = ResourceSummary.of(List.of());
        assertEquals(0, empty.samples());
        assertEquals(0.0, empty.durationHours());
        assertNull(empty.systemCpuPercent());
        assertNull(empty.ramUsedGb());
        ResourceSummary one = ResourceSummary.of(List.of(Samples.cpuOnly("2024-05-01T10:00:00Z", 12.5, 3.0)));
        assertEquals(1, one.samples());
        assertEquals(0.0, one.durationHours());
        assertEquals(new Stats(12.5, 12.5, 12.5), one.systemCpuPercent());
    }
}
