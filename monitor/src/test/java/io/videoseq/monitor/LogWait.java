package io.videoseq.monitor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Polls a log until it has enough complete lines; the deadline only guards against hanging. */
final class LogWait {

    private LogWait() {
    }

    static void untilLines(Path log, int n, long deadlineMs, Process child) throws IOException,
            InterruptedException {
        long end = System.currentTimeMillis() + deadlineMs;
        while (completeLines(log) < n) {
            if (child != null && !child.isAlive()) {
                throw new AssertionError("child exited with " + child.exitValue() + " before writing " + n
                        + " lines to " + log);
            }
            if (System.currentTimeMillis() > end) {
                throw new AssertionError(log + " has " + completeLines(log) + " lines after " + deadlineMs
                        + " ms, expected at least " + n);
            }
            Thread.sleep(20);
        }
    }

    static long completeLines(Path log) throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        byte[] b = Files.readAllBytes(log);
        long n = 0;
        for (byte x : b) {
            if (x == '\n') {
                n++;
            }
        }
        return n;
    }
}
