package io.videoseq.monitor;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ResourceSamplerTest {

    private static ResourceSampler sampler;

    @BeforeAll
    static void init() {
        sampler = new ResourceSampler();
    }

    @Test
    void fieldsArePresentAndInRange() {
        OffsetDateTime before = OffsetDateTime.now();
        ResourceSample s = sampler.sample(SampleEvent.MANUAL);
        assertEquals(SampleEvent.MANUAL, s.event());
        assertFalse(s.instant().isBefore(before.toInstant()), s.timestamp());
        assertEquals(ProcessHandle.current().pid(), s.pid());
        assertTrue(s.systemCpuPercent() >= 0 && s.systemCpuPercent() <= 100, "" + s.systemCpuPercent());
        assertTrue(s.processCpuPercent() >= 0 && s.processCpuPercent() <= 100, "" + s.processCpuPercent());
        assertTrue(s.ramTotalGb() > 0.1, "" + s.ramTotalGb());
        assertTrue(s.ramUsedGb() > 0 && s.ramUsedGb() <= s.ramTotalGb(), s.ramUsedGb() + " / " + s.ramTotalGb());
        assertEquals(100.0 * s.ramUsedGb() / s.ramTotalGb(), s.ramPercent(), 0.02);
        Runtime rt = Runtime.getRuntime();
        assertEquals(rt.maxMemory(), s.jvmHeapMaxBytes());
        assertTrue(s.jvmHeapUsedBytes() > 0 && s.jvmHeapUsedBytes() <= s.jvmHeapMaxBytes());
        // the process is resident, so JavaCPP's RSS reading must be positive and include the used heap
        assertTrue(s.physicalBytes() > s.jvmHeapUsedBytes() / 2, "" + s.physicalBytes());
        assertTrue(s.sampleMs() >= 0);
    }

    @Test
    void gpuIsAbsentOnTheCpuBackend() {
        assertTrue(Nd4j.getEnvironment().isCPU(), "tests run on nd4j-native");
        assertFalse(sampler.hasGpu());
        ResourceSample s = sampler.sample(SampleEvent.MANUAL);
        assertNull(s.gpu());
        assertFalse(new String(ResourceLog.toLine(s), StandardCharsets.UTF_8).contains("gpu"));
    }

    @Test
    void offHeapCountsNd4jBuffers() {
        long before = sampler.sample(SampleEvent.MANUAL).nd4jBufferBytes();
        var array = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1024, 1024);
        long during = sampler.sample(SampleEvent.MANUAL).nd4jBufferBytes();
        array.close();
        long after = sampler.sample(SampleEvent.MANUAL).nd4jBufferBytes();
        assertTrue(during - before >= 4L * 1024 * 1024, before + " -> " + during);
        assertTrue(during - after >= 4L * 1024 * 1024, during + " -> " + after);
    }

    @Test
    void samplingAllocatesNothingInTheCallersWorkspace() {
        WorkspaceConfiguration conf = WorkspaceConfiguration.builder().initialSize(1024 * 1024).build();
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(conf, "sampler_test")) {
            long offset = ws.getPrimaryOffset();
            sampler.sample(SampleEvent.MANUAL);
            assertEquals(offset, ws.getPrimaryOffset());
        }
    }

    @Test
    void backToBackSamplesKeepTheLastCpuWindow() throws InterruptedException {
        // Let the sampler's first window close, then wait one more window so that `first` below opens a new
        // window after `start` (otherwise `second` could close a window opened before the clock started).
        sampler.sample(SampleEvent.MANUAL);
        Thread.sleep(ResourceSampler.MIN_CPU_WINDOW_MS + 20);
        // Both CPU readings happen between these two clock reads, so their gap bounds the readings' gap. The
        // samples' own timestamps do not: the first OffsetDateTime.now() of a JVM can take long under load, after
        // the CPU reading's clock was read, which once let a 400 ms gap look like 150 ms.
        long start = System.nanoTime();
        ResourceSample first = sampler.sample(SampleEvent.MANUAL);
        ResourceSample second = sampler.sample(SampleEvent.MANUAL);
        long gapMs = (System.nanoTime() - start) / 1_000_000L;
        assumeTrue(gapMs < ResourceSampler.MIN_CPU_WINDOW_MS, "machine too slow: " + gapMs + " ms");
        assertEquals(first.systemCpuPercent(), second.systemCpuPercent());
        assertEquals(first.processCpuPercent(), second.processCpuPercent());
    }
}
