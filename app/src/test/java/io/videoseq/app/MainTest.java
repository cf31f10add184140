package io.videoseq.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class MainTest {

    /** A stand-in subcommand that fails in the way its option asks for. */
    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @Option(names = "--kind", required = true)
        String kind;
        @Option(names = "--count")
        int count;

        @Override
        public Integer call() throws Exception {
            switch (kind) {
                case "user" -> throw new UserInputException("data.h5: dataset 'labels' index 3: expected 0..3,"
                        + " found 7");
                case "missing" -> throw new NoSuchFileException("/nope/train_features.h5");
                case "ours" -> throw new io.videoseq.training.run.RunRefusedException("cannot resume from c.zip:"
                        + " train config key 'seed' was 42 in the checkpoint, now 7");
                case "untyped" -> throw new IllegalArgumentException("epochs must be >= 1, got 0");
                case "wrapped" -> throw new RuntimeException("iterator failed",
                        new UserInputException("x.h5: broken\nsecond line"));
                case "bug" -> throw new IllegalStateException("shape mismatch [2, 3] vs [3, 2]");
                default -> {
                    return ExitCodes.OK;
                }
            }
        }
    }

    private static CliRunner.Run run(String... args) {
        return CliRunner.run(Main.commandLine().addSubcommand("boom", new Boom()), args);
    }

    private static void assertOneLine(String err) {
        assertEquals(1, err.strip().lines().count(), "expected one line on stderr, got:\n" + err);
    }

    @Test
    void successExitsZero() {
        assertEquals(ExitCodes.OK, run("boom", "--kind", "fine").code());
    }

    @Test
    void versionNamesTheProject() {
        CliRunner.Run r = run("--version");
        assertEquals(ExitCodes.OK, r.code());
        assertTrue(r.out().startsWith("videoseq "), r.out());
    }

    @Test
    void noCommandIsAUsageError() {
        CliRunner.Run r = run();
        assertEquals(ExitCodes.BAD_INPUT, r.code());
        assertOneLine(r.err());
        assertTrue(r.err().contains("missing command"), r.err());
    }

    @Test
    void badOptionValueIsAUsageErrorNamingTheOption() {
        CliRunner.Run r = run("boom", "--kind", "fine", "--count", "many");
        assertEquals(ExitCodes.BAD_INPUT, r.code());
        assertOneLine(r.err());
        assertTrue(r.err().contains("--count"), r.err());
    }

    @Test
    void missingRequiredOptionAndUnknownOptionAreUsageErrors() {
        CliRunner.Run missing = run("boom");
        assertEquals(ExitCodes.BAD_INPUT, missing.code());
        assertTrue(missing.err().contains("--kind"), missing.err());
        assertOneLine(missing.err());
        CliRunner.Run unknown = run("boom", "--kind", "fine", "--colour", "red");
        assertEquals(ExitCodes.BAD_INPUT, unknown.code());
        assertTrue(unknown.err().contains("--colour"), unknown.err());
    }

    @Test
    void aMistypedOptionOrCommandGetsPicocliSuggestion() {
        CliRunner.Run option = CliRunner.run("train", "--features-dir", "d", "--epoch", "3");
        assertEquals(ExitCodes.BAD_INPUT, option.code());
        assertTrue(option.err().contains("did you mean --epochs?"), option.err());
        assertOneLine(option.err());
        // The only required option mistyped: picocli finds it missing before it reports the unknown one, and
        // "Missing required option '--features-dir'" would hide the typo the user made.
        CliRunner.Run required = CliRunner.run("train", "--featuers-dir", "d");
        assertEquals(ExitCodes.BAD_INPUT, required.code());
        assertTrue(required.err().contains("'--featuers-dir'"), required.err());
        assertTrue(required.err().contains("did you mean --features-dir?"), required.err());
        assertOneLine(required.err());
        CliRunner.Run command = CliRunner.run("trian");
        assertEquals(ExitCodes.BAD_INPUT, command.code());
        assertTrue(command.err().contains("did you mean train, "), command.err());
        assertOneLine(command.err());
    }

    @Test
    void userInputErrorsExitTwoWithOneLineAndNoStackTrace() {
        for (String kind : new String[] {"user", "missing", "ours", "wrapped"}) {
            CliRunner.Run r = run("boom", "--kind", kind);
            assertEquals(ExitCodes.BAD_INPUT, r.code(), kind);
            assertOneLine(r.err());
            assertFalse(r.err().contains("\tat "), r.err());
        }
        assertTrue(run("boom", "--kind", "missing").err().contains("/nope/train_features.h5"));
        assertTrue(run("boom", "--kind", "wrapped").err().contains("x.h5: broken second line"));
    }

    @Test
    void internalErrorsExitOneAndVerboseShowsTheStackTrace() {
        CliRunner.Run quiet = run("boom", "--kind", "bug");
        assertEquals(ExitCodes.INTERNAL_ERROR, quiet.code());
        assertOneLine(quiet.err());
        assertTrue(quiet.err().contains("shape mismatch"), quiet.err());
        CliRunner.Run verbose = run("--verbose", "boom", "--kind", "bug");
        assertEquals(ExitCodes.INTERNAL_ERROR, verbose.code());
        assertTrue(verbose.err().contains("\tat "), verbose.err());
        CliRunner.Run verboseAfter = run("boom", "--kind", "bug", "--verbose");
        assertEquals(ExitCodes.INTERNAL_ERROR, verboseAfter.code());
        assertTrue(verboseAfter.err().contains("\tat "), verboseAfter.err());
    }

    @Test
    void anUntypedIllegalArgumentIsABugWhoeverThrewIt() {
        // Exit codes follow types, not stack frames: the commands report bad options as UserInputException.
        assertEquals(ExitCodes.INTERNAL_ERROR, run("boom", "--kind", "untyped").code());
    }

    @Test
    void illegalArgumentFromOutsideVideoseqIsInternal() {
        IllegalArgumentException foreign = new IllegalArgumentException("nd4j: bad shape");
        foreign.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("org.nd4j.common.base.Preconditions", "throwEx", "Preconditions.java", 1)});
        assertTrue(ErrorClassifier.userInputCause(foreign).isEmpty());
    }
}
