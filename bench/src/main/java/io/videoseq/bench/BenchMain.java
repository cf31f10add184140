package io.videoseq.bench;

import io.videoseq.app.Main;
import picocli.CommandLine;

/**
 * Entry point of {@code ./videoseq bench ...}: the videoseq command line of {@link Main#commandLine()} (its error
 * handling, exit codes, {@code --verbose} and ND4J backend check) with the real {@link BenchCommand} in place of
 * the app's pointer. The launcher starts this main, with the bench module's classpath, when its first argument is
 * {@code bench}; every other command keeps running from the app alone. Arguments are the launcher's, {@code bench}
 * included, so help and errors name the command as the user typed it ({@code videoseq bench}).
 */
public final class BenchMain {
    private BenchMain() {
    }

    /** The videoseq command line with the real {@code bench} subcommand, ready for {@code execute(args)}. */
    public static CommandLine commandLine() {
        CommandLine cmd = Main.commandLine();
        // Replaced, not added beside it: one "bench" name, which Main's backend check already covers.
        cmd.getCommandSpec().removeSubcommand("bench");
        cmd.addSubcommand("bench", new CommandLine(new BenchCommand()));
        return cmd;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
