package io.videoseq.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak resident set size of this process: {@code VmHWM} of {@code /proc/self/status} (Linux), which covers the
 * Java heap and ND4J's off-heap buffers alike.
 */
public final class PeakRss {
    private PeakRss() {
    }

    /** @return peak RSS in MiB, or NaN where {@code /proc/self/status} is missing (not Linux) */
    public static double ofThisProcessMiB() {
        Path status = Path.of("/proc/self/status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return parseKiB(line) / 1024.0;
                }
            }
            return Double.NaN;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** Parses a {@code /proc} line such as {@code "VmHWM:   123456 kB"} into KiB. */
    static long parseKiB(String line) {
        String[] parts = line.trim().split("\\s+");
        if (parts.length != 3 || !"kB".equals(parts[2])) {
            throw new IllegalArgumentException("/proc/self/status line '" + line + "': expected '<Key>: <n> kB'");
        }
        return Long.parseLong(parts[1]);
    }
}
