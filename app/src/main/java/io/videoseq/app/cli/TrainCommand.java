package io.videoseq.app.cli;

import io.videoseq.app.run.TrainingRunner;
import io.videoseq.app.run.TrainingSetup;
import io.videoseq.model.ModelConfig;
import io.videoseq.training.TrainConfig;
import io.videoseq.training.run.TrainedModel;
import java.time.Duration;
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
            TrainSummary.print(spec.commandLine().getOut(), m, runner);
            return 0;
        }
    }
}
