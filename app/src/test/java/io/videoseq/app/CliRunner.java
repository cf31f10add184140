package io.videoseq.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the command line in-process with captured output, as the tests need it. */
public final class CliRunner {
    private CliRunner() {
    }

    /** Exit code and captured streams of one run. */
    public record Run(int code, String out, String err) {
        public void assertOk() {
            assertEquals(ExitCodes.OK, code, "stderr:\n" + err + "\nstdout:\n" + out);
        }

        public void assertBadInput(String expectedFragment) {
            assertEquals(ExitCodes.BAD_INPUT, code, "stderr:\n" + err + "\nstdout:\n" + out);
            assertEquals(1, err.strip().lines().count(), "expected one line on stderr:\n" + err);
            assertTrue(err.contains(expectedFragment), "expected '" + expectedFragment + "' in: " + err);
            assertTrue(!err.contains("\tat "), "no stack trace without --verbose: " + err);
        }
    }

    public static Run run(String... args) {
        return run(Main.commandLine(), args);
    }

    /** Runs {@code cmd} (e.g. {@link Main#commandLine()} with a test subcommand added). */
    public static Run run(CommandLine cmd, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
