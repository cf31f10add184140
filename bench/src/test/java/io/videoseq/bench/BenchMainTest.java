package io.videoseq.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ./videoseq bench} through {@link BenchMain}: the real command, with the app's error handling. */
class BenchMainTest {
    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cmd = BenchMain.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void benchIsTheRealCommandAndTheOthersStay() {
        CommandLine cmd = BenchMain.commandLine();
        assertInstanceOf(BenchCommand.class, cmd.getSubcommands().get("bench").getCommand());
        assertTrue(cmd.getSubcommands().keySet().containsAll(java.util.List.of("train", "evaluate", "help")),
                cmd.getSubcommands().keySet().toString());
    }

    @Test
    void badOptionIsOneLineExitTwoAsInTheApp() {
        Run r = run("bench", "--config", "huge");
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--config = huge"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void verboseFlagIsInheritedByTheReplacedCommand() {
        Run r = run("bench", "--verbose", "--config", "huge");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("\tat "), "stack trace with --verbose: " + r.err());
    }

    @Test
    void helpNamesTheCommandAsTyped() {
        Run r = run("bench", "--help");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Usage: videoseq bench"), r.out());
        assertTrue(r.out().contains("--torch"), r.out());
    }
}
