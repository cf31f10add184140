package io.videoseq.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.videoseq.app.cli.CommandProvider;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The optional modules' commands: found through {@code ServiceLoader} when their module is on the classpath, and
 * otherwise answered in one line, exit 2, naming the module. The app's test classpath has neither bench nor spark.
 */
class OptionalCommandsTest {
    @TempDir
    Path dir;

    @Test
    void benchWithoutItsModuleNamesTheModuleAndHowToRunIt() {
        CliRunner.Run r = CliRunner.run("bench", "--config", "small", "--steps", "5", "--torch");
        r.assertBadInput("bench is in the videoseq-bench module, which is not on this classpath");
        assertTrue(r.err().contains("./videoseq bench"), r.err());
    }

    @Test
    void sparkTrainWithoutItsModuleNamesTheModuleAndHowToRunIt() {
        CliRunner.Run r = CliRunner.run("spark-train", "--master", "local[2]", "--features-dir", "f", "--workers",
                "2");
        r.assertBadInput("spark-train is in the videoseq-spark module");
        assertTrue(r.err().contains("io.videoseq.spark.cli.SparkMain"), r.err());
    }

    @Test
    void helpListsTheMissingCommandsWithTheirModuleAndHelpLast() {
        CliRunner.Run r = CliRunner.run("--help");
        assertEquals(ExitCodes.OK, r.code());
        String out = r.out().replaceAll("\\s+", " ");
        assertTrue(out.contains("bench Training and inference throughput vs PyTorch (module videoseq-bench): run"
                + " ./videoseq bench --help"), r.out());
        assertTrue(out.contains("spark-train Trains one model data-parallel on Apache Spark (module"
                + " videoseq-spark)"), r.out());
        List<String> names = List.copyOf(Main.commandLine().getSubcommands().keySet());
        assertEquals(List.of("spark-train", "bench", "help"), names.subList(names.size() - 3, names.size()));
        assertTrue(r.out().indexOf("\n  bench ") < r.out().indexOf("\n  help "), r.out());
    }

    /** A module's command, as a provider gives it. */
    @Command(name = "probe", description = "A test module's command.")
    static final class Probe implements Callable<Integer> {
        @Option(names = "--say", required = true)
        String say;

        @Override
        public Integer call() {
            throw new UserInputException("probe said " + say);
        }
    }

    /** Gives {@link Probe}; runs no ND4J. */
    public static final class ProbeProvider implements CommandProvider {
        @Override
        public Object command() {
            return new Probe();
        }

        @Override
        public boolean needsNd4j() {
            return false;
        }
    }

    /** Gives a command named bench, as the bench module would. */
    public static final class BenchLikeProvider implements CommandProvider {
        @Command(name = "bench")
        static final class Bench implements Callable<Integer> {
            @Override
            public Integer call() {
                return 0;
            }
        }

        @Override
        public Object command() {
            return new Bench();
        }

        @Override
        public boolean needsNd4j() {
            return false;
        }
    }

    /** Gives a command with an app command's name. */
    public static final class ClashingProvider implements CommandProvider {
        @Command(name = "train")
        static final class Train implements Callable<Integer> {
            @Override
            public Integer call() {
                return 0;
            }
        }

        @Override
        public Object command() {
            return new Train();
        }
    }

    /** A class loader that sees the test classes and a services file naming {@code providers}. */
    private URLClassLoader withProviders(Class<?>... providers) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        StringBuilder lines = new StringBuilder();
        for (Class<?> p : providers) {
            lines.append(p.getName()).append('\n');
        }
        Files.writeString(services.resolve(CommandProvider.class.getName()), lines, StandardCharsets.UTF_8);
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
    }

    @Test
    void aProvidersCommandIsFoundListedAndRun() throws IOException {
        try (URLClassLoader loader = withProviders(ProbeProvider.class)) {
            CommandLine cmd = Main.commandLine(loader);
            assertTrue(cmd.getSubcommands().get("probe").getCommand() instanceof Probe);
            CliRunner.Run help = CliRunner.run(Main.commandLine(loader), "--help");
            assertTrue(help.out().contains("A test module's command."), help.out());
            CliRunner.run(Main.commandLine(loader), "probe", "--say", "hello").assertBadInput("probe said hello");
            CliRunner.run(Main.commandLine(loader), "probe").assertBadInput("--say");
        }
    }

    @Test
    void aFoundCommandTakesThePlaceOfItsMissingModuleAnswer() throws IOException {
        try (URLClassLoader loader = withProviders(BenchLikeProvider.class)) {
            CommandLine cmd = Main.commandLine(loader);
            assertTrue(cmd.getSubcommands().get("bench").getCommand() instanceof BenchLikeProvider.Bench);
            assertEquals(ExitCodes.OK, CliRunner.run(cmd, "bench").code());
            CliRunner.run(Main.commandLine(loader), "spark-train").assertBadInput("videoseq-spark");
        }
    }

    @Test
    void aProviderMayNotTakeAnAppCommandsName() throws IOException {
        try (URLClassLoader loader = withProviders(ClashingProvider.class)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Main.commandLine(loader));
            assertTrue(e.getMessage().contains("train"), e.getMessage());
        }
    }
}
