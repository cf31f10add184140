package io.videoseq.monitor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link ResourceMonitor}.
 *
 * @param interval time between two background samples, in [{@value #MIN_INTERVAL_MS} ms, 24 h];
 *                 the original used 30 minutes ({@link #DEFAULT_INTERVAL})
 * @param logPath  the JSON Lines log; created if missing, continued (appended to) if it exists
 */
public record MonitorConfig(Duration interval, Path logPath) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(30);
    /** Below this the monitor would mostly measure itself. */
    public static final long MIN_INTERVAL_MS = 10;
    public static final Duration MAX_INTERVAL = Duration.ofHours(24);

    public MonitorConfig {
        Objects.requireNonNull(interval, "interval must not be null");
        Objects.requireNonNull(logPath, "log_path must not be null");
        if (interval.toMillis() < MIN_INTERVAL_MS || interval.compareTo(MAX_INTERVAL) > 0) {
            throw new IllegalArgumentException("interval = " + interval + " is invalid: allowed range ["
                    + MIN_INTERVAL_MS + " ms, " + MAX_INTERVAL + "]");
        }
        if (Files.isDirectory(logPath)) {
            throw new IllegalArgumentException("log_path = " + logPath
                    + " is invalid: expected a file path, found a directory");
        }
    }

    /** Default interval (30 min) and {@code resultsDir/resource_utilization_log.jsonl}. */
    public static MonitorConfig inResultsDir(Path resultsDir) {
        Objects.requireNonNull(resultsDir, "resultsDir must not be null");
        return new MonitorConfig(DEFAULT_INTERVAL, resultsDir.resolve(ResourceLog.DEFAULT_FILE_NAME));
    }

    public MonitorConfig withInterval(Duration v) {
        return new MonitorConfig(v, logPath);
    }

    public MonitorConfig withLogPath(Path v) {
        return new MonitorConfig(interval, v);
    }
}
