package io.videoseq.app.cli;

import io.videoseq.app.UserInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code videoseq bench} as the app alone sees it. The benchmark lives in the {@code videoseq-bench} module so
 * that no benchmark code ships in the production jars; {@code ./videoseq bench ...} starts that module's
 * {@code io.videoseq.bench.BenchMain}, which is this command line with the real command in this one's place.
 * This pointer is reached only when the app runs without it (e.g. {@code mvn -pl app exec:java}, or
 * {@code bench} not first on the launcher's line), and says how to run the benchmark instead: listing it keeps
 * {@code videoseq --help} true of what {@code ./videoseq} can do.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Training and inference throughput vs PyTorch (module videoseq-bench): run ./videoseq bench --help",
            "The app alone only points there; the launcher starts io.videoseq.bench.BenchMain for bench."})
public final class BenchPointerCommand implements Callable<Integer> {
    static final String HOW = "the benchmark is in the videoseq-bench module, not in the app; run "
            + "./videoseq bench [OPTIONS] (bench as the first argument), or java -cp "
            + "bench/target/classes:$(cat bench/target/classpath.txt) io.videoseq.bench.BenchMain bench [OPTIONS]";

    /** The real command's options, accepted so that the answer is where to run them, not "unknown option". */
    @Unmatched
    List<String> options = new ArrayList<>();

    @Override
    public Integer call() {
        throw new UserInputException(HOW);
    }
}
