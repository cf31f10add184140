package io.videoseq.spark.cli;

import io.videoseq.app.UserInputException;
import io.videoseq.data.SyntheticDataSpec;
import io.videoseq.data.SyntheticDataWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cluster checks of {@code spark-train} that need no cluster: the Java 17 openings of the driver (a fresh JVM
 * without them) and of executors (their probe results), and {@code --executor-wait}'s range. The cluster itself:
 * {@code StandaloneClusterTest}.
 */
class ExecutorCheckTest {
    @TempDir
    Path tmp;

    @Test
    void theTestJvmHasEveryOpeningThePomGivesIt() {
        // surefire's argLine carries spark/pom.xml's spark.add.opens: the same list as REQUIRED_OPENS
        assertEquals("", ExecutorCheck.missingOpens());
    }

    @Test
    void anExecutorWithoutOpeningsIsNamedWithTheOptionToAdd() {
        UserInputException e = assertThrows(UserInputException.class, () -> ExecutorCheck.requireNoneMissing(
                List.of("10.1.0.11|", "10.1.0.12|java.io,sun.security.action")));
        assertEquals("spark.executor.extraJavaOptions: expected --add-opens=java.base/java.io=ALL-UNNAMED"
                + " --add-opens=java.base/sun.security.action=ALL-UNNAMED (docs/SPARK.md), found them missing on"
                + " executors at 10.1.0.12", e.getMessage());
        assertDoesNotThrow(() -> ExecutorCheck.requireNoneMissing(List.of("10.1.0.11|", "10.1.0.12|")));
    }

    @Test
    void executorWaitOutOfRangeIsOneLineExit2() {
        picocli.CommandLine cmd = SparkMain.commandLine();
        java.io.StringWriter err = new java.io.StringWriter();
        cmd.setErr(new java.io.PrintWriter(err));
        int code = cmd.execute("spark-train", "--master", "local[2]", "--features-dir", tmp.toString(),
                "--executor-wait", "0");
        assertEquals(2, code, err.toString());
        assertEquals("videoseq spark-train: --executor-wait: expected 1..3600 seconds, found 0", err.toString().strip());
    }

    /** A driver JVM started without the openings (plain java, no spark-submit script): one line, exit 2. */
    @Test
    void aDriverWithoutOpeningsIsOneLineOnTheProcessStderr() throws Exception {
        SyntheticDataWriter.write(tmp, new SyntheticDataSpec(24, 9, 9, 6, 3, 4, 9, "", 5));
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.contains("log4j-slf4j2-impl")).collect(Collectors.joining(File.pathSeparator));
        Process p = new ProcessBuilder(javaBin, "-Xmx512m", "-cp", classpath, SparkMain.class.getName(),
                "spark-train", "--master", "local[2]", "--features-dir", tmp.toString(), "--batch-size", "4",
                "--output-dir", tmp.resolve("c").toString(), "--results-dir", tmp.resolve("r").toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "still running");
        assertEquals(2, p.exitValue(), err);
        assertEquals(1, err.strip().lines().count(), err);
        assertTrue(err.startsWith("videoseq spark-train: driver JVM options: expected"
                + " --add-opens=java.base/java.nio=ALL-UNNAMED"), err);
        assertFalse(tmp.resolve("c").toFile().exists(), "nothing written");
    }
}
