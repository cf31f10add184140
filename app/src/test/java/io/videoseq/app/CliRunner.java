package io.videoseq.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * Runs the command line in-process with captured output, as the tests need it: the command's out and err
 * writers, and apart from them what reached {@code System.err} during the run (log lines, and picocli's own
 * warnings such as {@code [picocli WARN] Could not format ...}, which do not go through the err writer).
 */
public final class CliRunner {
    private CliRunner() {
    }

    /**
     * Exit code and captured streams of one run.
     *
     * @param systemErr what was written to {@code System.err} meanwhile; still shown on the console too
     */
    public record Run(int code, String out, String err, String systemErr) {
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
        ByteArrayOutputStream systemErr = new ByteArrayOutputStream();
        PrintStream console = System.err;
        System.setErr(new PrintStream(new Tee(console, systemErr), true, StandardCharsets.UTF_8));
        int code;
        try {
            code = cmd.execute(args);
        } finally {
            System.err.flush();
            System.setErr(console);
        }
        return new Run(code, out.toString(), err.toString(), systemErr.toString(StandardCharsets.UTF_8));
    }

    /** Writes to the console and to the capture. */
    private static final class Tee extends OutputStream {
        private final OutputStream console;
        private final OutputStream capture;

        Tee(OutputStream console, OutputStream capture) {
            this.console = console;
            this.capture = capture;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            console.write(b);
            capture.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            console.write(b, off, len);
            capture.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            console.flush();
        }
    }
}
