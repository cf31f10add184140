package io.videoseq.spark.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

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

    @Test
    void badSparkOptionIsOneLineExit2() {
        Run r = run("spark-train", "--master", "local[2]", "--features-dir", tmp.toString(), "--workers", "0");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("spark workers = 0: expected >= 1"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}
