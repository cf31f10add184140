package io.videoseq.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every command's {@code --help} prints its usage and nothing else: no picocli warning, no issue numbers. */
class HelpTest {

    /** The root command ("") and each subcommand, by name. */
    static List<String> commands() {
        List<String> names = new ArrayList<>(List.of(""));
        names.addAll(Main.commandLine().getSubcommands().keySet());
        return names;
    }

    @ParameterizedTest(name = "videoseq {0} --help")
    @MethodSource("commands")
    void helpIsCleanUsage(String command) {
        CliRunner.Run r = command.isEmpty() ? CliRunner.run("--help") : CliRunner.run(command, "--help");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("Usage: videoseq"), r.out());
        String all = r.out() + r.err() + r.systemErr();
        assertFalse(all.contains("WARN"), all);
        assertFalse(all.matches("(?s).*\\bissue \\d.*"), "help text names an issue number:\n" + all);
    }

    @org.junit.jupiter.api.Test
    void classifyHelpDoesNotPromiseExtractsPreprocessingDefaults() {
        CliRunner.Run r = CliRunner.run("classify", "--help");
        String help = r.out().replaceAll("\\s+", " ");
        for (String option : new String[] {"--input-size", "--mean", "--std", "--channel-order"}) {
            int at = help.lastIndexOf(option + "="); // the option list, after the synopsis
            String description = help.substring(at, help.indexOf(" --", at + option.length() + 2));
            assertTrue(description.contains("classify: the model's record"), description);
        }
    }
}
