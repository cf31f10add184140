package io.videoseq.monitor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MonitorConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaultsMatchTheOriginalInterval() {
        MonitorConfig c = MonitorConfig.inResultsDir(dir);
        assertEquals(Duration.ofMinutes(30), c.interval());
        assertEquals(dir.resolve("resource_utilization_log.jsonl"), c.logPath());
        assertEquals(Duration.ofSeconds(5), c.withInterval(Duration.ofSeconds(5)).interval());
    }

    @Test
    void rejectsOutOfRangeIntervalNamingFieldValueAndRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MonitorConfig.inResultsDir(dir).withInterval(Duration.ofMillis(5)));
        assertTrue(e.getMessage().contains("interval = PT0.005S"), e.getMessage());
        assertTrue(e.getMessage().contains("[10 ms, PT24H]"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> MonitorConfig.inResultsDir(dir).withInterval(Duration.ofHours(25)));
        assertThrows(IllegalArgumentException.class,
                () -> MonitorConfig.inResultsDir(dir).withInterval(Duration.ofSeconds(-1)));
    }

    @Test
    void rejectsDirectoryAsLogPath() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MonitorConfig(Duration.ofMinutes(1), dir));
        assertTrue(e.getMessage().startsWith("log_path = " + dir), e.getMessage());
    }
}
