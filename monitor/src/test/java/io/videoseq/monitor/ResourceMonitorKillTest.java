package io.videoseq.monitor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SIGKILLs a JVM that is writing a log, then reads and continues that log. */
class ResourceMonitorKillTest {

    private static final int N = 8;

    @TempDir
    Path dir;

    @Test
    void logSurvivesSigkillAndIsContinued() throws Exception {
        Path log = dir.resolve("results").resolve(ResourceLog.DEFAULT_FILE_NAME);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"),
                KillTargetMain.class.getName(), log.toString(), "50")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.out").toFile())
                .start();
        try {
            LogWait.untilLines(log, N, 60_000, child);
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not die");
        }
        // 137 = 128 + SIGKILL: the child was killed, not shut down (no shutdown hooks, no final sample)
        assertEquals(137, child.exitValue(), () -> "child output: " + readQuietly(dir.resolve("child.out")));

        List<ResourceSample> survived = ResourceLog.read(log);
        assertTrue(survived.size() >= N, "" + survived.size());
        assertEquals(SampleEvent.START, survived.get(0).event());
        assertTrue(survived.stream().noneMatch(s -> s.event() == SampleEvent.STOP));
        assertEquals(child.pid(), survived.get(0).pid());

        MonitorConfig c = new MonitorConfig(Duration.ofMinutes(30), log);
        try (ResourceMonitor m = new ResourceMonitor(c)) {
            m.start();
            m.stop();
            List<ResourceSample> all = ResourceLog.read(log);
            assertEquals(survived, all.subList(0, survived.size()));
            assertEquals(survived.size() + 2, all.size());
            assertEquals(ProcessHandle.current().pid(), all.get(all.size() - 1).pid());
            assertEquals(all, m.samples());
        }
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return "<unreadable: " + e + ">";
        }
    }
}
