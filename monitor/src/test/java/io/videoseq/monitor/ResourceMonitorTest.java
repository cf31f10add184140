package io.videoseq.monitor;

import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResourceMonitorTest {

    private static ResourceSampler sampler;

    @TempDir
    Path dir;

    @BeforeAll
    static void init() {
        sampler = new ResourceSampler();
    }

    private MonitorConfig config(Duration interval) {
        return MonitorConfig.inResultsDir(dir).withInterval(interval);
    }

    @Test
    void startRecordsAtOnceIntervalSamplesFollowAndStopIsIdempotent() throws Exception {
        MonitorConfig c = config(Duration.ofMillis(50));
        ResourceMonitor m = new ResourceMonitor(c, sampler);
        m.start();
        assertEquals(1, m.samples().size());
        assertEquals(SampleEvent.START, m.samples().get(0).event());
        LogWait.untilLines(c.logPath(), 4, 20_000, null);
        m.stop();
        List<ResourceSample> s = m.samples();
        m.stop();
        m.close();
        assertEquals(s, m.samples(), "second stop() and close() record nothing");
        assertEquals(SampleEvent.STOP, s.get(s.size() - 1).event());
        assertTrue(s.subList(1, s.size() - 1).stream().allMatch(x -> x.event() == SampleEvent.INTERVAL));
        assertTrue(s.size() >= 5, "" + s.size());
        assertEquals(s, ResourceLog.read(c.logPath()));
        ResourceSummary r = m.summary();
        assertEquals(s.size(), r.samples());
        assertNull(r.gpuAllocatedGb(), "CPU backend");
        assertTrue(r.durationHours() > 0);
        assertThrows(IllegalStateException.class, m::start);
    }

    @Test
    void samplesRunOnADaemonThread() throws Exception {
        MonitorConfig c = config(Duration.ofMillis(20));
        try (ResourceMonitor m = new ResourceMonitor(c, sampler)) {
            m.start();
            LogWait.untilLines(c.logPath(), 2, 20_000, null);
            Thread t = Thread.getAllStackTraces().keySet().stream()
                    .filter(x -> x.getName().equals("videoseq-resource-monitor")).findFirst().orElseThrow();
            assertTrue(t.isDaemon());
        }
    }

    @Test
    void aSecondMonitorContinuesTheLog() throws Exception {
        MonitorConfig c = config(Duration.ofMinutes(30));
        List<ResourceSample> first;
        try (ResourceMonitor m = new ResourceMonitor(c, sampler)) {
            m.start();
            m.record(SampleEvent.MANUAL);
            m.close();
            first = m.samples();
        }
        assertEquals(List.of(SampleEvent.START, SampleEvent.MANUAL, SampleEvent.STOP),
                first.stream().map(ResourceSample::event).toList());
        try (ResourceMonitor m = new ResourceMonitor(c, sampler)) {
            assertEquals(first, m.samples(), "reloaded on construction");
            m.start();
            m.stop();
            List<ResourceSample> all = m.samples();
            assertEquals(5, all.size());
            assertEquals(first, all.subList(0, 3));
            assertEquals(SampleEvent.START, all.get(3).event());
            assertEquals(all, ResourceLog.read(c.logPath()));
            assertEquals(5, m.summary().samples());
        }
    }

    @Test
    void releaseBetweenMembersRecordsBeforeAndAfterAndDestroysWorkspaces() throws Exception {
        MonitorConfig c = config(Duration.ofMinutes(30));
        try (ResourceMonitor m = new ResourceMonitor(c, sampler)) {
            WorkspaceConfiguration conf = WorkspaceConfiguration.builder().initialSize(8L * 1024 * 1024).build();
            try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(conf, "member_ws")) {
                Nd4j.create(DataType.FLOAT, 16, 16);
            }
            assertTrue(Nd4j.getWorkspaceManager().checkIfWorkspaceExists("member_ws"));
            ReleaseReport r = m.releaseBetweenMembers();
            assertFalse(Nd4j.getWorkspaceManager().checkIfWorkspaceExists("member_ws"));
            assertEquals(SampleEvent.RELEASE_BEFORE, r.before().event());
            assertEquals(SampleEvent.RELEASE_AFTER, r.after().event());
            assertTrue(r.before().nd4jWorkspaceBytes() >= 8L * 1024 * 1024, "" + r.before());
            assertTrue(r.nd4jFreedBytes() >= 8L * 1024 * 1024, "workspace memory freed: " + r.nd4jFreedBytes());
            assertTrue(r.nativeHeapTrimmed(), "glibc malloc_trim via JavaCPP");
            assertEquals(List.of(r.before(), r.after()), ResourceLog.read(c.logPath()));
        }
    }

    @Test
    void listenerStartsTheMonitorAndTagsEpochEnds() throws Exception {
        MonitorConfig c = config(Duration.ofMinutes(30));
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(3).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        DataSet data = new DataSet(Nd4j.rand(DataType.FLOAT, 4, 3),
                Nd4j.createFromArray(new float[][]{{1, 0}, {0, 1}, {1, 0}, {0, 1}}));
        try (ResourceMonitor m = new ResourceMonitor(c, sampler)) {
            net.setListeners(new ResourceMonitorListener(m));
            net.fit(new ListDataSetIterator<>(data.asList(), 2), 2);
            m.stop();
            List<SampleEvent> events = m.samples().stream().map(ResourceSample::event).toList();
            assertEquals(List.of(SampleEvent.START, SampleEvent.EPOCH_END, SampleEvent.EPOCH_END, SampleEvent.STOP),
                    events);
        }
    }

    /**
     * A sample that cannot be written stops the monitoring, not the training: later epoch-end samples are dropped
     * quietly and stop() reports the cause. The log is made immutable ({@code chattr +i}, root on ext4/overlayfs)
     * while the monitor has it open, so every write fails with EPERM.
     */
    @Test
    void aFailedSampleStopsMonitoringButNotTheCaller() throws Exception {
        MonitorConfig c = config(Duration.ofMillis(ResourceSampler.MIN_CPU_WINDOW_MS));
        ResourceMonitor m = new ResourceMonitor(c, sampler);
        m.start();
        Process chattr = new ProcessBuilder("chattr", "+i", c.logPath().toString()).redirectErrorStream(true).start();
        boolean immutable = chattr.waitFor() == 0;
        try {
            org.junit.jupiter.api.Assumptions.assumeTrue(immutable, "chattr +i not possible here (needs root, ext4)");
            long deadline = System.nanoTime() + 20_000_000_000L;
            IOException failed = null;
            while (failed == null && System.nanoTime() < deadline) {
                m.recordAsync(SampleEvent.EPOCH_END); // what the training thread does at every epoch end
                Thread.sleep(50);
                try {
                    m.throwIfFailed();
                } catch (IOException e) {
                    failed = e;
                }
            }
            assertTrue(failed != null, "a write to an immutable log must fail");
            m.recordAsync(SampleEvent.EPOCH_END); // once failed: no exception for the caller
            m.recordAsync(SampleEvent.EPOCH_END);
            assertThrows(IOException.class, m::stop, "stop() reports the failure");
        } finally {
            new ProcessBuilder("chattr", "-i", c.logPath().toString()).start().waitFor();
            try {
                m.close();
            } catch (IOException expected) {
                // the kept failure again
            }
        }
    }

    @Test
    void unwritableLogFailsAtConstructionNamingThePath() throws IOException {
        Path blocker = dir.resolve("blocker");
        Files.writeString(blocker, "a file, not a directory");
        MonitorConfig c = new MonitorConfig(Duration.ofMinutes(1), blocker.resolve("log.jsonl"));
        IOException e = assertThrows(IOException.class, () -> new ResourceMonitor(c, sampler));
        assertTrue(e.getMessage().contains(blocker.toString()), e.getMessage());
    }
}
