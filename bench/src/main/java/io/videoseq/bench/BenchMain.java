package io.videoseq.bench;

import io.videoseq.app.Main;
import picocli.CommandLine;

/**
 * {@code java -cp bench/target/classes:$(cat bench/target/classpath.txt) io.videoseq.bench.BenchMain bench ...} and
 * {@code mvn -pl bench exec:java}: the videoseq command line of {@link Main#commandLine()} (its error handling, exit
 * codes, {@code --verbose} and ND4J backend check), which finds {@link BenchCommand} through
 * {@link BenchCommandProvider} on this module's classpath, as {@code ./videoseq bench} does. Arguments include
 * {@code bench}, so help and errors name the command as the user typed it ({@code videoseq bench}).
 */
public final class BenchMain {
    private BenchMain() {
    }

    /** The videoseq command line, with the real {@code bench} subcommand, ready for {@code execute(args)}. */
    public static CommandLine commandLine() {
        return Main.commandLine();
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
