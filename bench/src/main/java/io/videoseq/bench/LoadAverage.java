package io.videoseq.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The 1/5/15-minute load averages of {@code /proc/loadavg}, to judge how busy the machine was during a run. */
public final class LoadAverage {
    private LoadAverage() {
    }

    /** @return e.g. {@code "1.52 0.80 0.41"}, or {@code "unknown"} where {@code /proc/loadavg} is missing */
    public static String read() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }
}
