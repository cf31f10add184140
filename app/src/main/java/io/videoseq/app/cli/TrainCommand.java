package io.videoseq.app.cli;

import io.videoseq.app.run.ConsoleCallback;
import io.videoseq.app.run.TrainingRunner;
import io.videoseq.app.run.TrainingSetup;
import io.videoseq.model.ModelConfig;
import io.videoseq.training.TrainConfig;
import io.videoseq.training.run.ModelResults;
import io.videoseq.training.run.TrainedModel;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code videoseq train}: one model, with checkpoints, early stopping, test evaluation (plain and TTA). */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Trains one model on {train,val}_features{suffix}.h5 and evaluates its best checkpoint on"
                + " the test split (plain and with TTA).")
public final class TrainCommand implements Callable<Integer> {
    @Mixin
    TrainingOptions options;

    @Option(names = "--model-name", defaultValue = "temporal_model", paramLabel = "NAME",
            description = "Name used in every output file (default: ${DEFAULT-VALUE}).")
    String modelName;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (TrainingSetup setup = TrainingSetup.of(options.inputs(), modelName, ModelConfig.defaults(),
                    TrainConfig.defaults())) {
            if (options.printConfig()) {
                return PrintConfig.print(spec.commandLine().getOut(), setup.config());
            }
            TrainingRunner runner = new TrainingRunner(setup, Duration.ofSeconds(options.monitorIntervalSeconds()));
            TrainedModel m = runner.trainOne(InterruptNotices.of(spec));
            ModelResults r = m.results();
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "%s: best epoch %d of %d (val acc %.2f%%), %s%n", r.modelName(), r.bestEpoch(),
                    r.epochsCompleted(), r.bestValAcc(), r.stopReason());
            out.printf(Locale.ROOT, "test: acc %.2f%%  weighted F1 %.2f%%  worst-class F1 %.2f%%   TTA: acc %.2f%%"
                            + "  weighted F1 %.2f%%%n", r.test().accuracy(), r.test().weightedF1(),
                    r.test().worstClassF1(), r.testTta().accuracy(), r.testTta().weightedF1());
            out.println("best checkpoint  " + m.bestCheckpoint());
            out.println("results          " + m.resultsJson());
            out.println("history          " + m.historyCsv());
            out.println("dashboard        " + ConsoleCallback.dashboardPath(runner.resultsDir(), modelName));
            out.println("resource log     " + runner.resourceLog());
            out.flush();
            return 0;
        }
    }
}
