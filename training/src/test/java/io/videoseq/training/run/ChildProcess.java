package io.videoseq.training.run;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Starts a JVM on this test classpath and SIGKILLs it once it prints a marker line (crash tests). */
final class ChildProcess {

    private ChildProcess() {
    }

    /** Starts {@code main} with {@code jvmFlags}; the caller reads and kills it. */
    static Process start(List<String> jvmFlags, Class<?> main, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx1g"));
        cmd.addAll(jvmFlags);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    /** Runs {@code main} until it prints a line starting with {@code marker}, then kills it with SIGKILL. */
    static String killAtMarker(List<String> jvmFlags, String marker, Class<?> main, String... args)
            throws Exception {
        Process child = start(jvmFlags, main, args);
        List<String> output = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                output.add(line);
                if (line.startsWith(marker)) {
                    child.destroyForcibly();
                    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "killed child did not exit");
                    return line;
                }
            }
            fail("child ended without printing " + marker + ":\n" + String.join("\n", output));
            return null;
        } finally {
            child.destroyForcibly();
        }
    }
}
