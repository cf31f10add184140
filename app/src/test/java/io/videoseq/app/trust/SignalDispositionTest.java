package io.videoseq.app.trust;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interrupt tests must not depend on how the build was started: a shell that ignores SIGINT (a background job,
 * nohup, some CI runners) passes that on, and a child that ignores Ctrl-C cannot test Ctrl-C. Here the test's own
 * parent is made to ignore SIGINT ({@code trap '' INT}) and the child JVM {@link ChildCli} starts must still have
 * SIGINT at its default disposition; the same JVM started without ChildCli's reset inherits the ignore, which shows
 * the check can fail.
 */
class SignalDispositionTest {
    @TempDir
    Path dir;

    @Test
    void theChildJvmHandlesSigintWhateverItsParentIgnores() throws Exception {
        assumeTrue(ChildCli.DEFAULT_SIGNALS, "this machine's env cannot reset signal dispositions (coreutils < 9)");
        InterruptTest.tinyData(dir);
        String[] train = InterruptTest.trainArgs(dir, "sig", 2).toArray(String[]::new);
        List<String> flags = List.of("-Dvideoseq.test.pauseAt=startup");
        String cp = System.getProperty("java.class.path");
        assertFalse(sigintIgnored(ChildCli.command(flags, cp, train)), "ChildCli's child handles SIGINT");
        List<String> plain = new ArrayList<>(ChildCli.command(flags, cp, train));
        plain.subList(0, 2).clear(); // without env --default-signal
        assertTrue(sigintIgnored(plain), "without the reset the child inherits the ignored SIGINT");
    }

    /** Starts {@code command} under a shell that ignores SIGINT and reads the paused child's ignored signals. */
    private static boolean sigintIgnored(List<String> command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", "-c", "trap '' INT; exec \"$@\"", "bash"));
        cmd.addAll(command);
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null && !line.startsWith("VIDEOSEQ-RUN-PAUSED"); ) {
                assertTrue(child.isAlive(), line);
            }
            for (String l : Files.readAllLines(Path.of("/proc", String.valueOf(child.pid()), "status"))) {
                if (l.startsWith("SigIgn:")) {
                    long mask = Long.parseUnsignedLong(l.substring("SigIgn:".length()).strip(), 16);
                    return (mask & (1L << (2 - 1))) != 0; // SIGINT is signal 2
                }
            }
            throw new AssertionError("no SigIgn line for " + child.pid());
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
    }
}
