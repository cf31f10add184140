package io.videoseq.app.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.videoseq.app.UserInputException;
import io.videoseq.app.run.TrainingInputs;
import io.videoseq.training.run.ResumeFrom;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Flags shared by {@code train} and {@code ensemble}. Flags that are training settings become snake_case keys
 * laid over the configuration (so they are validated by {@code TrainConfig} like the config file); a flag the
 * user did not give leaves the key alone.
 */
public final class TrainingOptions {
    @Option(names = "--features-dir", required = true, paramLabel = "DIR",
            description = "Folder with {train,val,test}_features{suffix}.h5.")
    Path featuresDir;

    @Option(names = "--config", paramLabel = "FILE.json",
            description = "JSON with \"model\" and \"training\" objects (snake_case keys; omitted keys keep their"
                    + " defaults).")
    Path config;

    @Option(names = "--output-dir", defaultValue = "checkpoints", paramLabel = "DIR",
            description = "Checkpoints (default: ${DEFAULT-VALUE}).")
    Path outputDir;

    @Option(names = "--results-dir", defaultValue = "results", paramLabel = "DIR",
            description = "Results JSON, history CSV, plots, resource log (default: ${DEFAULT-VALUE}).")
    Path resultsDir;

    @Option(names = "--suffix", paramLabel = "S", description = "Feature-file suffix, e.g. _multiscale.")
    String suffix;

    @Option(names = "--epochs", paramLabel = "N", description = "Maximum epochs (default: ${bundle:default.training.epochs}).")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "B", description = "Sequences per batch (default: ${bundle:default.training.batch_size}).")
    Integer batchSize;

    @Option(names = "--lr", paramLabel = "X", description = "Base learning rate (default: ${bundle:default.training.learning_rate}).")
    Double learningRate;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of everything random (default: ${bundle:default.training.seed}).")
    Long seed;

    @Option(names = "--monitor", paramLabel = "COLUMN", description = "What early stopping and the best checkpoint"
            + " watch: a history column such as val_acc, val_loss, val_macro_f1, val_log_loss (default:"
            + " ${bundle:default.training.monitor}; an unknown name lists the known ones).")
    String monitor;

    @Option(names = "--mode", paramLabel = "max|min", description = "Which way --monitor improves; it must be the"
            + " monitor's own direction, which it follows when omitted (default: ${bundle:default.training.mode}).")
    String mode;

    @Option(names = "--max-frames-limit", paramLabel = "N", description = "The largest max_frames a feature file may"
            + " declare; a larger one is refused before it is read (default: ${bundle:default.training.max_frames_limit}).")
    Integer maxFramesLimit;

    @Option(names = "--resume", paramLabel = "PATH|latest",
            description = "Continue from a checkpoint file, or (latest) from the last finished epoch; latest starts the"
                    + " run when there is nothing to resume and leaves a finished run as it is.")
    String resume;

    @Option(names = "--force",
            description = "Start over even though this model name already has checkpoints or results: they are"
                    + " deleted or replaced. Without it such a run is refused, so earlier work is never lost.")
    boolean force;

    @Option(names = "--print-config",
            description = "Print the effective configuration (defaults, data, --config file and flags merged) as the"
                    + " JSON a --config file takes, and exit without training.")
    boolean printConfig;

    @Option(names = "--monitor-interval", defaultValue = "1800", paramLabel = "SECONDS",
            description = "Resource-monitor sampling interval, besides every epoch (default: ${DEFAULT-VALUE}).")
    long monitorIntervalSeconds;

    /** The training keys given as flags, e.g. {@code {"epochs": 2}}. */
    public ObjectNode trainingOverrides() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        if (suffix != null) {
            o.put("suffix", suffix);
        }
        if (epochs != null) {
            o.put("epochs", epochs);
        }
        if (batchSize != null) {
            o.put("batch_size", batchSize);
        }
        if (learningRate != null) {
            o.put("learning_rate", learningRate);
        }
        if (seed != null) {
            o.put("seed", seed);
        }
        if (maxFramesLimit != null) {
            o.put("max_frames_limit", maxFramesLimit);
        }
        if (monitor != null) {
            o.put("monitor", monitor);
        }
        if (mode != null) {
            o.put("mode", mode);
        }
        return o;
    }

    /** The flags as the inputs of a training run. */
    public TrainingInputs inputs() {
        if (force && resume != null) {
            throw new UserInputException("--force and --resume " + resume + " exclude each other: --force starts"
                    + " over, --resume continues");
        }
        return new TrainingInputs(featuresDir, config, trainingOverrides(), outputDir, resultsDir,
                force ? ResumeFrom.replace() : ResumeFrom.parse(resume));
    }

    public boolean printConfig() {
        return printConfig;
    }

    public long monitorIntervalSeconds() {
        return monitorIntervalSeconds;
    }
}
