package io.videoseq.spark.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real {@code spark-train} in SparkMain's command line: its options, and bad values as one line, exit 2. */
class SparkTrainCommandTest {
    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cmd = SparkMain.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int code = cmd.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpShowsTheSparkOptions() {
        Run r = run("spark-train", "--help");
        assertEquals(0, r.code(), r.err());
        for (String option : new String[] {"--master", "--workers", "--averaging-frequency", "--gradient-sharing",
                "--controller-address", "--network-mask", "--features-dir", "--resume"}) {
            assertTrue(r.out().contains(option), option + " in " + r.out());
        }
    }

    private static void assertRefused(Run r, String... fragments) {
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        for (String f : fragments) {
            assertTrue(r.err().contains(f), f + " in " + r.err());
        }
    }

    @Test
    void aMasterUrlSparkCannotParseIsOneLineExit2() {
        assertRefused(run("spark-train", "--master", "bogus://x", "--features-dir", tmp.toString()),
                "--master: expected one of local, local[N]", "found 'bogus://x'");
    }

    @Test
    void anUnreachableMasterIsOneLineExit2WithinSeconds() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        long start = System.nanoTime();
        Run r = run("spark-train", "--master", "spark://127.0.0.1:" + closed, "--features-dir", tmp.toString());
        assertTrue(System.nanoTime() - start < 10_000_000_000L, (System.nanoTime() - start) / 1e9 + " s");
        assertRefused(r, "--master: expected a reachable Spark master", "127.0.0.1:" + closed);
    }

    @Test
    void aMillionWorkersAreRefusedBeforeSparkStarts() {
        assertRefused(run("spark-train", "--master", "local[2]", "--features-dir", tmp.toString(), "--workers",
                "1000000"), "--workers: expected 1..1024", "found 1000000");
        assertRefused(run("spark-train", "--master", "local[2]", "--features-dir", tmp.toString(),
                "--averaging-frequency", "2147483647"), "--averaging-frequency: expected 1..1000000");
    }

    @Test
    void moreWorkersThanBatchesAreRefusedNamingTheData() {
        // 24 training videos in batches of 4: 6 batches an epoch.
        io.videoseq.data.SyntheticDataWriter.write(tmp, new io.videoseq.data.SyntheticDataSpec(24, 9, 9, 6, 3, 4, 9,
                "", 5));
        Path out = tmp.resolve("out");
        assertRefused(run("spark-train", "--master", "local[2]", "--features-dir", tmp.toString(), "--batch-size",
                "4", "--workers", "7", "--output-dir", out.resolve("c").toString(), "--results-dir",
                out.resolve("r").toString()), "--workers: expected at most the 6 batches of an epoch",
                "24 training videos", "found 7");
    }

    /**
     * In a fresh JVM, on the process's stderr: Spark logs once per JVM when its classes first run (a host name that
     * resolves to loopback is two WARN lines), which an in-process run after another Spark test cannot see.
     */
    @Test
    void aBadMasterIsOneLineOnTheProcessStderr() throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The class path ./videoseq gives: without Spark's log4j SLF4J provider (the app's logback is the one).
        String classpath = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(e -> !e.contains("log4j-slf4j2-impl")).collect(java.util.stream.Collectors.joining(
                        java.io.File.pathSeparator));
        Process p = new ProcessBuilder(javaBin, "-Xmx512m", "-cp", classpath,
                SparkMain.class.getName(), "spark-train", "--master", "bogus://x", "--features-dir", tmp.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "still running");
        assertEquals(2, p.exitValue(), err);
        assertEquals(1, err.strip().lines().count(), err);
        assertTrue(err.startsWith("videoseq spark-train: --master: expected one of local"), err);
    }

    @Test
    void badSparkOptionIsOneLineExit2() {
        Run r = run("spark-train", "--master", "local[2]", "--features-dir", tmp.toString(), "--workers", "0");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("spark workers = 0: expected >= 1"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}
