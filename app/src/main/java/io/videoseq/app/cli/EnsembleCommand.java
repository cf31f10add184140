package io.videoseq.app.cli;

import io.videoseq.app.UserInputException;
import io.videoseq.app.run.ConsoleCallback;
import io.videoseq.app.run.TrainingRunner;
import io.videoseq.app.run.TrainingSetup;
import io.videoseq.model.ModelConfig;
import io.videoseq.training.TrainConfig;
import io.videoseq.training.ensemble.EnsembleCollector;
import io.videoseq.training.ensemble.EnsembleResults;
import io.videoseq.training.ensemble.EnsembleTrainer;
import io.videoseq.training.ensemble.MemberSelection;
import io.videoseq.training.run.ModelResults;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code videoseq ensemble}: N models with seeds seed, seed+1, ... and their averaged-probability ensemble; or
 * only some members ({@code --members}, a shard), or no training at all but the ensemble of the members already
 * complete ({@code --collect}).
 */
@Command(name = "ensemble", mixinStandardHelpOptions = true,
        description = "Trains N models one after another (seeds seed+i), then evaluates the ensemble of their"
                + " averaged softmax probabilities on the test split (plain and with TTA). With --members, trains"
                + " only those members (e.g. on several machines at once); --collect then builds the ensemble.")
public final class EnsembleCommand implements Callable<Integer> {
    @Mixin
    TrainingOptions options;

    @Option(names = "--num-models", defaultValue = "" + EnsembleTrainer.DEFAULT_MEMBERS, paramLabel = "N",
            description = "Members (default: ${DEFAULT-VALUE}).")
    int numModels;

    @Option(names = "--model-name", defaultValue = "ensemble", paramLabel = "PREFIX",
            description = "Members are named PREFIX_model_1, PREFIX_model_2, ... (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--members", paramLabel = "K[,K|K-K]",
            description = "Train only these members (1-based, e.g. 3, 1,3 or 2-4), each with the seed a full run"
                    + " gives it; writes each member's files but not the ensemble's (see --collect).")
    String members;

    @Option(names = "--collect",
            description = "Train nothing: evaluate the members already complete, list the missing ones, and write"
                    + " ensemble_final_results.json and the manifest PREFIX_ensemble.json (with --force, replacing"
                    + " ones that name other members).")
    boolean collect;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (numModels < 1) {
            throw new UserInputException("--num-models: expected >= 1, found " + numModels);
        }
        MemberSelection selection = selection();
        try (TrainingSetup setup = TrainingSetup.of(options.inputs(), prefix, ModelConfig.defaults(),
                    TrainConfig.defaults())) {
            if (options.printConfig()) {
                return PrintConfig.print(spec.commandLine().getOut(), setup.config());
            }
            PrintWriter out = spec.commandLine().getOut();
            if (collect) {
                EnsembleCollector.Collected c = EnsembleCollector.collect(setup.request(), numModels);
                c.missing().forEach(line -> out.println("left out         " + line));
                out.println("collected        members " + String.join(", ", c.included().stream()
                        .map(String::valueOf).toList()) + " of " + numModels);
                EnsembleSummary.print(out, c.results(), setup.request().resultsDir());
                out.println("manifest         " + c.manifest());
                out.flush();
                return 0;
            }
            TrainingRunner runner = new TrainingRunner(setup, Duration.ofSeconds(options.monitorIntervalSeconds()));
            if (selection != null) {
                List<ModelResults> trained = runner.trainShard(selection, InterruptNotices.of(spec));
                EnsembleSummary.printMembers(out, trained.stream().map(EnsembleResults.Member::of).toList());
                printDashboards(out, runner, trained.stream().map(ModelResults::modelName).toList());
                out.println("shard            members " + selection + " done; no ensemble files written: when"
                        + " every member is done (copy the checkpoint and results folders together), run the same"
                        + " command with --collect instead of --members");
                out.println("resource log     " + runner.resourceLog());
                out.flush();
                return 0;
            }
            EnsembleResults r = runner.trainEnsemble(numModels, InterruptNotices.of(spec));
            EnsembleSummary.print(out, r, runner.resultsDir());
            printDashboards(out, runner, r.members().stream().map(EnsembleResults.Member::modelName).toList());
            out.println("manifest         " + EnsembleTrainer.manifestPath(setup.request().checkpointDir(), prefix));
            out.println("resource log     " + runner.resourceLog());
            out.flush();
            return 0;
        }
    }

    /** The --members selection, null for every member; checked before any data is opened. */
    private MemberSelection selection() {
        if (collect && options.resume != null) {
            throw new UserInputException("--collect and --resume " + options.resume + " exclude each other:"
                    + " --collect trains nothing, so there is nothing to resume");
        }
        if (members == null) {
            return null;
        }
        if (collect) {
            throw new UserInputException("--members " + members + " and --collect exclude each other: --members"
                    + " trains members, --collect trains none and builds the ensemble of the complete ones");
        }
        try {
            return MemberSelection.parse(members, numModels);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--members " + members + ": " + e.getMessage() + " (--num-models "
                    + numModels + ")", e);
        }
    }

    private static void printDashboards(PrintWriter out, TrainingRunner runner, List<String> names) {
        for (String name : names) {
            out.println("dashboard        " + ConsoleCallback.dashboardPath(runner.resultsDir(), name));
        }
    }
}
