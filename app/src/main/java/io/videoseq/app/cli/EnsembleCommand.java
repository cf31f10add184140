package io.videoseq.app.cli;

import io.videoseq.app.run.ConsoleCallback;
import io.videoseq.app.run.TrainingRunner;
import io.videoseq.app.run.TrainingSetup;
import io.videoseq.model.ModelConfig;
import io.videoseq.training.TrainConfig;
import io.videoseq.training.ensemble.EnsembleResults;
import io.videoseq.training.ensemble.EnsembleTrainer;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code videoseq ensemble}: N models with seeds seed, seed+1, ... and their averaged-probability ensemble. */
@Command(name = "ensemble", mixinStandardHelpOptions = true,
        description = "Trains N models one after another (seeds seed+i), then evaluates the ensemble of their"
                + " averaged softmax probabilities on the test split (plain and with TTA).")
public final class EnsembleCommand implements Callable<Integer> {
    @Mixin
    TrainingOptions options;

    @Option(names = "--num-models", defaultValue = "" + EnsembleTrainer.DEFAULT_MEMBERS, paramLabel = "N",
            description = "Members (default: ${DEFAULT-VALUE}).")
    int numModels;

    @Option(names = "--model-name", defaultValue = "ensemble", paramLabel = "PREFIX",
            description = "Members are named PREFIX_model_1, PREFIX_model_2, ... (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (TrainingSetup setup = TrainingSetup.of(options.inputs(), prefix, ModelConfig.defaults(),
                    TrainConfig.defaults())) {
            if (options.printConfig()) {
                return PrintConfig.print(spec.commandLine().getOut(), setup.config());
            }
            TrainingRunner runner = new TrainingRunner(setup, Duration.ofSeconds(options.monitorIntervalSeconds()));
            EnsembleResults r = runner.trainEnsemble(numModels, InterruptNotices.of(spec));
            PrintWriter out = spec.commandLine().getOut();
            EnsembleSummary.print(out, r, runner.resultsDir());
            for (EnsembleResults.Member m : r.members()) {
                out.println("dashboard        " + ConsoleCallback.dashboardPath(runner.resultsDir(),
                        m.modelName()));
            }
            out.println("manifest         " + EnsembleTrainer.manifestPath(setup.request().checkpointDir(), prefix));
            out.println("resource log     " + runner.resourceLog());
            out.flush();
            return 0;
        }
    }
}
