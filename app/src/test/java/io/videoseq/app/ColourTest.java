package io.videoseq.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.videoseq.app.io.Terminal;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

/** Colour escape codes appear only in usage help on a terminal, never in machine-readable output. */
class ColourTest {
    private static final char ESC = '\u001b';

    /** The command line with colour forced on, as on a terminal. */
    private static CommandLine coloured() {
        CommandLine cmd = Main.commandLine();
        cmd.setColorScheme(CommandLine.Help.defaultColorScheme(Ansi.ON));
        return cmd;
    }

    @Test
    void inspectJsonHasNoEscapeCharacterEvenWhenColourIsOn(@TempDir Path dir) throws IOException {
        CliRunner.run("generate", "--out", dir.toString(), "--videos", "10", "--feature-dim", "4", "--classes",
                "2").assertOk();
        assertTrue(CliRunner.run(coloured(), "inspect", "--help").out().indexOf(ESC) >= 0,
                "colour forced on colours usage help, so the check below means something");
        CliRunner.Run json = CliRunner.run(coloured(), "inspect", dir.resolve("train_features.h5").toString(),
                "--json");
        json.assertOk();
        String all = json.out() + json.err() + json.systemErr();
        assertEquals(-1, all.indexOf(ESC), all);
        assertEquals(6, new ObjectMapper().readTree(json.out()).get("videos").asInt());
    }

    @Test
    void usageHelpIsPlainWhenStdoutIsNotATerminal() {
        assumeFalse(Terminal.stdout(), "this JVM's stdout is a terminal");
        CommandLine cmd = Main.commandLine();
        assertEquals(Ansi.OFF, cmd.getColorScheme().ansi());
        assertEquals(Ansi.OFF, cmd.getSubcommands().get("bench").getColorScheme().ansi());
        CliRunner.Run help = CliRunner.run(cmd, "train", "--help");
        assertFalse(help.out().indexOf(ESC) >= 0, help.out());
    }
}
