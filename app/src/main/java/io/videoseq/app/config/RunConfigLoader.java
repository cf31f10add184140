package io.videoseq.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.videoseq.core.config.ConfigDocument;
import io.videoseq.core.config.ConfigException;
import io.videoseq.core.config.RecordBinder;
import io.videoseq.model.ModelConfig;
import io.videoseq.training.TrainConfig;
import io.videoseq.training.io.Json;
import io.videoseq.training.metrics.MetricRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Resolves the configuration records of a run in order of precedence, lowest first: the records' defaults
 * (the original's values; for the model adjusted to the data's feature dim and class count), the
 * {@code --config} file ({@code {"model": {...}, "training": {...}}}, snake_case, partial), then the
 * command-line flags. The binding itself (strict JSON types, unknown keys refused, one message format) is the
 * library's ({@code io.videoseq.core.config}), which any caller of the records can use.
 */
public final class RunConfigLoader {
    public static final String MODEL = "model";
    public static final String TRAINING = "training";
    static final String FLAGS = "command-line options";

    // One mapper for the whole document: the training module's (ModelConfig's annotations give its keys).
    private static final RecordBinder<ModelConfig> MODEL_BINDER =
            new RecordBinder<>(Json.mapper(), ModelConfig.class, MODEL);
    private static final RecordBinder<TrainConfig> TRAINING_BINDER =
            new RecordBinder<>(Json.mapper(), TrainConfig.class, TRAINING, TrainConfig::withImpliedMode);

    private final ConfigDocument document;

    private RunConfigLoader(ConfigDocument document) {
        this.document = document;
    }

    /** Reads {@code configFile}; null means no file (defaults and flags only). */
    public static RunConfigLoader read(Path configFile) throws IOException {
        return new RunConfigLoader(configFile == null ? ConfigDocument.empty()
                : ConfigDocument.read(configFile, Set.of(MODEL, TRAINING)));
    }

    /**
     * Reads a file holding only the {@code model} section's keys at its root ({@code import-torch --config}); only
     * {@link #model} is then meaningful.
     */
    public static RunConfigLoader readModelSection(Path modelFile) throws IOException {
        return new RunConfigLoader(ConfigDocument.readSection(modelFile, MODEL));
    }

    /** {@code base} with the file's {@code model} keys applied. */
    public ModelConfig model(ModelConfig base) {
        return document.bind(MODEL_BINDER, base);
    }

    /**
     * {@code base} with the file's {@code training} keys, then the flags' keys, applied; its monitor one of the
     * built-in metrics' columns, as the commands measure with those.
     */
    public TrainConfig training(TrainConfig base, JsonNode flags) {
        TrainConfig training = TRAINING_BINDER.apply(document.bind(TRAINING_BINDER, base), flags, FLAGS);
        try {
            return training.resolveMonitor(MetricRegistry.builtIn());
        } catch (IllegalArgumentException e) {
            // The record leaves this check to the run (a library caller's registry may have more metrics); here it
            // is refused before anything is opened or written, --print-config included, and named like the
            // record's own refusals: by the source that set the key.
            String source = flags.has("monitor") ? FLAGS : document.source();
            throw new ConfigException(source + ": " + TRAINING + ": " + e.getMessage(), e);
        }
    }
}
