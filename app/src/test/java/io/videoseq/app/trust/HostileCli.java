package io.videoseq.app.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.videoseq.app.ExitCodes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code videoseq} on a hostile input as a service or a shell would: a child JVM with the launcher's JVM
 * settings but a capped heap and JavaCPP limit, its stdout and stderr kept apart (native libraries write to the
 * process's stderr, which an in-process run cannot see), a wall-clock bound, and the peak resident memory read from
 * {@code /proc/PID/status} ({@code VmHWM}, the kernel's high-water mark) while it runs.
 *
 * <p>What every hostile file must get (docs/SECURITY.md): exit 2, one line, no stack trace, within seconds, under
 * 2 GB.
 */
final class HostileCli {
    /** The resident-memory bound every refusal must stay under. */
    static final long MAX_RSS = 2L << 30;
    /** The wall-time bound of a refusal (JVM start and ND4J's native load included). */
    static final Duration REFUSED_WITHIN = Duration.ofSeconds(60);

    private HostileCli() {
    }

    /**
     * What one run did.
     *
     * @param timedOut true when the child was killed at the deadline (then {@code exit} is -1)
     */
    record Outcome(List<String> args, int exit, String out, String err, Duration wall, long peakRss,
            boolean timedOut) {
        /** Exit 2, one line on stderr naming every fragment, no stack trace, in time, under {@link #MAX_RSS}. */
        Outcome assertRefused(String... fragments) {
            String what = "videoseq " + String.join(" ", args) + "\nexit " + exit + " after " + wall.toMillis()
                    + " ms, peak RSS " + (peakRss >> 20) + " MB\nstderr:\n" + err + "\nstdout:\n" + out;
            assertFalse(timedOut, "still running at the deadline: " + what);
            assertEquals(ExitCodes.BAD_INPUT, exit, what);
            assertEquals(1, err.strip().lines().count(), "expected one line on stderr: " + what);
            assertFalse(err.contains("\tat ") || err.contains("Exception in thread"), "a stack trace: " + what);
            for (String f : fragments) {
                assertTrue(err.contains(f), "expected '" + f + "' in stderr: " + what);
            }
            assertTrue(peakRss < MAX_RSS, "peak RSS " + (peakRss >> 20) + " MB: " + what);
            return this;
        }

        /**
         * For {@code extract}: the batch ran to its end and exited 2, its final listing ({@code N video(s)
         * skipped:}, then one line per video) names each of {@code skippedFragments} on a line of its own; no stack
         * trace, in time, under {@link #MAX_RSS}.
         */
        Outcome assertBatchSkipped(String... skippedFragments) {
            String what = "videoseq " + String.join(" ", args) + "\nexit " + exit + " after " + wall.toMillis()
                    + " ms, peak RSS " + (peakRss >> 20) + " MB\nstderr:\n" + err + "\nstdout:\n" + out;
            assertFalse(timedOut, "still running at the deadline: " + what);
            assertEquals(ExitCodes.BAD_INPUT, exit, what);
            assertFalse(err.contains("\tat ") || err.contains("Exception in thread"), "a stack trace: " + what);
            String header = skippedFragments.length + " video(s) skipped:";
            int at = err.indexOf(header);
            assertTrue(at >= 0, "expected '" + header + "': " + what);
            List<String> listed = err.substring(at + header.length()).strip().lines().toList();
            assertEquals(skippedFragments.length, listed.size(), "one line per skipped video: " + what);
            for (String f : skippedFragments) {
                assertEquals(1, listed.stream().filter(l -> l.contains(f)).count(),
                        "expected '" + f + "' on one line of the listing: " + what);
            }
            assertTrue(peakRss < MAX_RSS, "peak RSS " + (peakRss >> 20) + " MB: " + what);
            return this;
        }

        /** The one stderr line. */
        String line() {
            return err.strip();
        }
    }

    /** Runs {@code videoseq ARGS} with the default deadline, {@link #REFUSED_WITHIN}. */
    static Outcome run(String... args) throws Exception {
        return run(REFUSED_WITHIN, List.of(), args);
    }

    /**
     * Runs {@code videoseq ARGS} in a child JVM: 768 MB heap, JavaCPP allocations bounded at 1 GB, the
     * deserialization filter of the launcher, killed (and reported as timed out) at {@code deadline}.
     */
    static Outcome run(Duration deadline, List<String> extraJvmFlags, String... args) throws Exception {
        List<String> flags = new ArrayList<>(List.of("-Xmx768m", "-Xmn64m", "-Djdk.serialFilter=!*",
                "-Dorg.bytedeco.javacpp.maxbytes=1g", "-Dorg.bytedeco.javacpp.maxphysicalbytes=0"));
        flags.addAll(extraJvmFlags);
        long start = System.nanoTime();
        Process child = ChildCli.startSeparate(flags, args);
        child.getOutputStream().close();
        CompletableFuture<String> out = drain(child.getInputStream());
        CompletableFuture<String> err = drain(child.getErrorStream());
        Path status = Path.of("/proc", String.valueOf(child.pid()), "status");
        long peak = 0;
        long end = start + deadline.toNanos();
        boolean timedOut = false;
        while (!child.waitFor(20, TimeUnit.MILLISECONDS)) {
            peak = Math.max(peak, highWaterMark(status));
            if (System.nanoTime() > end) {
                timedOut = true;
                child.descendants().forEach(ProcessHandle::destroyForcibly);
                child.destroyForcibly();
                child.waitFor();
                break;
            }
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        return new Outcome(List.of(args), timedOut ? -1 : child.exitValue(), out.get(10, TimeUnit.SECONDS),
                err.get(10, TimeUnit.SECONDS), wall, peak, timedOut);
    }

    /** {@code VmHWM} in bytes, 0 once the process is gone. */
    private static long highWaterMark(Path status) {
        try {
            for (String l : Files.readAllLines(status)) {
                if (l.startsWith("VmHWM:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException gone) {
            // The child exited between two reads: the last value read stands.
        }
        return 0;
    }

    /** Reads a stream to its end on a thread of its own (the common pool has one thread on 2 cores). */
    private static CompletableFuture<String> drain(InputStream in) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (in) {
                text.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.complete("(unreadable: " + e + ")");
            }
        }, "hostile-cli-drain");
        t.setDaemon(true);
        t.start();
        return text;
    }
}
