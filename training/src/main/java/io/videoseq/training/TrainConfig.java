package io.videoseq.training;

import io.videoseq.data.FeatureFileLimits;
import io.videoseq.data.ReadMode;
import io.videoseq.model.optim.CosineRestartSchedule;
import io.videoseq.training.history.Monitor;
import io.videoseq.training.metrics.Direction;
import io.videoseq.training.metrics.MetricRegistry;
import org.nd4j.linalg.api.buffer.DataType;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * How one model is trained: optimiser, schedule, loss, stopping, checkpointing and data options. Immutable and
 * validated; serialised as JSON with snake_case keys. A key omitted from JSON keeps its default (the original
 * pipeline's value); an unknown key is an error naming it (see {@link io.videoseq.training.io.Json}).
 *
 * @param epochs          maximum number of epochs (150)
 * @param batchSize       sequences per training and evaluation batch (48)
 * @param learningRate    AdamW base learning rate, the schedule's maximum (1e-3)
 * @param weightDecay     AdamW decoupled weight decay, scaled by the current learning rate (5e-4)
 * @param patience        stop after this many epochs without a strict improvement of the monitored value (25)
 * @param monitor         what early stopping and the best checkpoint watch: a history column — {@code val_acc}
 *                        (the original's), {@code val_loss}, {@code train_loss}, {@code train_acc}, or
 *                        {@code val_} + a scalar metric of the run's {@link MetricRegistry}, e.g.
 *                        {@code val_macro_f1}, {@code val_log_loss}, or one a library caller added with
 *                        {@link MetricRegistry#with} ({@link MetricRegistry#monitors()}). Whether the run knows it
 *                        is checked when the run starts, against its registry ({@link #resolveMonitor})
 * @param mode            {@code max} or {@code min}: which way the monitor improves. Omitted, it is the monitor's
 *                        own direction; given, it must be that direction (a {@code min} of an accuracy would keep
 *                        the worst model as "best", so it is refused rather than obeyed). Null only while the
 *                        monitor is a column the built-in metrics do not have, until {@link #resolveMonitor}
 * @param checkpointEvery write a periodic checkpoint every this many completed epochs (20)
 * @param keepCheckpoints keep only this many newest periodic checkpoints per model name (3)
 * @param scheduleT0      first cosine cycle length, in {@code scheduleUnit}s (20)
 * @param scheduleTMult   factor by which each cycle is longer than the previous one (2)
 * @param etaMin          the schedule's minimum learning rate (1e-6)
 * @param scheduleUnit    {@code epochs} (documented intent; LR still changes every iteration) or
 *                        {@code iterations} (what the original literally did: T_0 counted optimizer steps)
 * @param focalGamma      focal-loss focusing exponent (2.0)
 * @param labelSmoothing  label smoothing of the focal loss's targets (0.1)
 * @param focalAlpha      per-class focal alpha: {@code class_weights} (the training split's class weights) or
 *                        {@code none}
 * @param clipNorm        maximum global L2 norm of the gradient of the mean loss (1.0)
 * @param seed            seed of initialisation, sampling, augmentation and dropout (42)
 * @param suffix          feature-file suffix: {@code {split}_features{suffix}.h5} ("")
 * @param readMode        {@code per_video} (read each video when needed) or {@code in_memory}
 * @param dataType        {@code float} (training) or {@code double} (exactness tests)
 * @param augment         apply temporal augmentation to training sequences (true)
 * @param allowZeroFrames accept videos whose real frames are all exactly 0 (false: such a video, which a damaged
 *                        chunk index produces, stops the run naming file and video when it is read)
 * @param allowMissingClasses train although the training split has no video of some class (false: refused,
 *                        naming the classes)
 * @param maxFramesLimit  the largest {@code max_frames} a feature file may declare (10,000,
 *                        {@link FeatureFileLimits#DEFAULT_MAX_FRAMES}); a larger one is refused before anything of
 *                        its size is allocated
 */
@JsonPropertyOrder(alphabetic = false)
public record TrainConfig(
        @JsonProperty("epochs") int epochs,
        @JsonProperty("batch_size") int batchSize,
        @JsonProperty("learning_rate") double learningRate,
        @JsonProperty("weight_decay") double weightDecay,
        @JsonProperty("patience") int patience,
        @JsonProperty("monitor") String monitor,
        @JsonProperty("mode") Direction mode,
        @JsonProperty("checkpoint_every") int checkpointEvery,
        @JsonProperty("keep_checkpoints") int keepCheckpoints,
        @JsonProperty("schedule_t0") int scheduleT0,
        @JsonProperty("schedule_t_mult") int scheduleTMult,
        @JsonProperty("eta_min") double etaMin,
        @JsonProperty("schedule_unit") ScheduleUnit scheduleUnit,
        @JsonProperty("focal_gamma") double focalGamma,
        @JsonProperty("label_smoothing") double labelSmoothing,
        @JsonProperty("focal_alpha") FocalAlpha focalAlpha,
        @JsonProperty("clip_norm") double clipNorm,
        @JsonProperty("seed") long seed,
        @JsonProperty("suffix") String suffix,
        @JsonProperty("read_mode") ReadMode readMode,
        @JsonProperty("data_type") Precision dataType,
        @JsonProperty("augment") boolean augment,
        @JsonProperty("allow_zero_frames") boolean allowZeroFrames,
        @JsonProperty("allow_missing_classes") boolean allowMissingClasses,
        @JsonProperty("max_frames_limit") int maxFramesLimit) {

    /**
     * Unit in which the cosine schedule's cycle lengths are counted. Not the schedule's own enum: that one's
     * upper-case names are stored in every checkpoint's DL4J configuration, and the configuration file's names are
     * lower case; this maps one onto the other.
     */
    public enum ScheduleUnit {
        @JsonProperty("epochs") EPOCHS(CosineRestartSchedule.ScheduleUnit.EPOCHS),
        @JsonProperty("iterations") ITERATIONS(CosineRestartSchedule.ScheduleUnit.ITERATIONS);

        private final CosineRestartSchedule.ScheduleUnit schedule;

        ScheduleUnit(CosineRestartSchedule.ScheduleUnit schedule) {
            this.schedule = schedule;
        }

        /** The schedule's own unit (a separate enum: its upper-case names are stored in DL4J's model JSON). */
        public CosineRestartSchedule.ScheduleUnit schedule() {
            return schedule;
        }
    }

    /** Where the focal loss's per-class alpha comes from. */
    public enum FocalAlpha {
        /** The training split's class weights (inverse frequency, clipped to [0.5, 10]). */
        @JsonProperty("class_weights") CLASS_WEIGHTS,
        /** No alpha: every class weighs 1. */
        @JsonProperty("none") NONE
    }

    /**
     * Floating-point type of parameters and batches: the two of ND4J's {@link DataType}s a model trains in, with
     * the configuration file's names (ND4J's enum cannot carry them, and has types no model trains in).
     */
    public enum Precision {
        @JsonProperty("float") FLOAT(DataType.FLOAT),
        @JsonProperty("double") DOUBLE(DataType.DOUBLE);

        private final DataType type;

        Precision(DataType type) {
            this.type = type;
        }

        /** ND4J's data type: the one mapping between the two. */
        public DataType nd4j() {
            return type;
        }
    }

    public TrainConfig {
        atLeast("epochs", epochs, 1);
        atLeast("batch_size", batchSize, 1);
        positiveFinite("learning_rate", learningRate);
        nonNegativeFinite("weight_decay", weightDecay);
        atLeast("patience", patience, 1);
        mode = monitorMode(monitor, mode);
        atLeast("checkpoint_every", checkpointEvery, 1);
        atLeast("keep_checkpoints", keepCheckpoints, 1);
        atLeast("schedule_t0", scheduleT0, 1);
        atLeast("schedule_t_mult", scheduleTMult, 1);
        nonNegativeFinite("eta_min", etaMin);
        if (etaMin > learningRate) {
            throw new IllegalArgumentException("train config: eta_min = " + etaMin
                    + ", expected <= learning_rate (" + learningRate + ")");
        }
        nonNegativeFinite("focal_gamma", focalGamma);
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
            throw new IllegalArgumentException("train config: label_smoothing = " + labelSmoothing
                    + ", expected in [0, 1)");
        }
        positiveFinite("clip_norm", clipNorm);
        notNull("schedule_unit", scheduleUnit);
        notNull("focal_alpha", focalAlpha);
        notNull("suffix", suffix);
        notNull("read_mode", readMode);
        notNull("data_type", dataType);
        atLeast("max_frames_limit", maxFramesLimit, 1);
        if (suffix.contains("/") || suffix.contains("\\")) {
            throw new IllegalArgumentException("train config: suffix = \"" + suffix
                    + "\", expected a file-name fragment without path separators");
        }
    }

    /** JSON entry point: every omitted key takes the default of {@link #defaults()}. */
    @JsonCreator
    static TrainConfig fromJson(
            @JsonProperty("epochs") Integer epochs,
            @JsonProperty("batch_size") Integer batchSize,
            @JsonProperty("learning_rate") Double learningRate,
            @JsonProperty("weight_decay") Double weightDecay,
            @JsonProperty("patience") Integer patience,
            @JsonProperty("monitor") String monitor,
            @JsonProperty("mode") Direction mode,
            @JsonProperty("checkpoint_every") Integer checkpointEvery,
            @JsonProperty("keep_checkpoints") Integer keepCheckpoints,
            @JsonProperty("schedule_t0") Integer scheduleT0,
            @JsonProperty("schedule_t_mult") Integer scheduleTMult,
            @JsonProperty("eta_min") Double etaMin,
            @JsonProperty("schedule_unit") ScheduleUnit scheduleUnit,
            @JsonProperty("focal_gamma") Double focalGamma,
            @JsonProperty("label_smoothing") Double labelSmoothing,
            @JsonProperty("focal_alpha") FocalAlpha focalAlpha,
            @JsonProperty("clip_norm") Double clipNorm,
            @JsonProperty("seed") Long seed,
            @JsonProperty("suffix") String suffix,
            @JsonProperty("read_mode") ReadMode readMode,
            @JsonProperty("data_type") Precision dataType,
            @JsonProperty("augment") Boolean augment,
            @JsonProperty("allow_zero_frames") Boolean allowZeroFrames,
            @JsonProperty("allow_missing_classes") Boolean allowMissingClasses,
            @JsonProperty("max_frames_limit") Integer maxFramesLimit) {
        TrainConfig d = defaults();
        return new TrainConfig(or(epochs, d.epochs), or(batchSize, d.batchSize), or(learningRate, d.learningRate),
                or(weightDecay, d.weightDecay), or(patience, d.patience), or(monitor, d.monitor),
                // An omitted mode follows the monitor (a config that sets only monitor: val_loss means min).
                monitor == null ? or(mode, d.mode) : mode, or(checkpointEvery, d.checkpointEvery),
                or(keepCheckpoints, d.keepCheckpoints), or(scheduleT0, d.scheduleT0),
                or(scheduleTMult, d.scheduleTMult), or(etaMin, d.etaMin), or(scheduleUnit, d.scheduleUnit),
                or(focalGamma, d.focalGamma), or(labelSmoothing, d.labelSmoothing), or(focalAlpha, d.focalAlpha),
                or(clipNorm, d.clipNorm), or(seed, d.seed), or(suffix, d.suffix), or(readMode, d.readMode),
                or(dataType, d.dataType), or(augment, d.augment), or(allowZeroFrames, d.allowZeroFrames),
                or(allowMissingClasses, d.allowMissingClasses), or(maxFramesLimit, d.maxFramesLimit));
    }

    /** The original pipeline's settings. */
    public static TrainConfig defaults() {
        return new TrainConfig(150, 48, 1e-3, 5e-4, 25, MetricRegistry.VAL_ACC, Direction.MAX, 20, 3, 20, 2, 1e-6,
                ScheduleUnit.EPOCHS,
                2.0, 0.1, FocalAlpha.CLASS_WEIGHTS, 1.0, 42L, "", ReadMode.PER_VIDEO, Precision.FLOAT, true, false,
                false, FeatureFileLimits.DEFAULT_MAX_FRAMES);
    }

    /**
     * The form of {@code monitor} and {@code mode}, and the mode of a built-in monitor. A column of the built-in
     * registry has its direction in every registry (a registry only adds metrics, and none may take a built-in's
     * column), so its mode is decided here, where a contradiction is reported with the configuration's source;
     * any other column may be a metric of the run's registry, which only the run knows: its mode stays as given
     * (null: follow the monitor) until {@link #resolveMonitor}.
     */
    private static Direction monitorMode(String monitor, Direction mode) {
        notNull("monitor", monitor);
        if (monitor.isBlank()) {
            throw new IllegalArgumentException("train config: monitor = \"" + monitor
                    + "\", expected a history column such as " + MetricRegistry.VAL_ACC);
        }
        if (mode == Direction.NONE) {
            throw new IllegalArgumentException("train config: mode = none, expected max or min");
        }
        Direction builtIn = MetricRegistry.builtIn().monitors().get(monitor);
        return builtIn == null ? mode : agreeing(monitor, mode, builtIn);
    }

    /** {@code direction}, which {@code mode}, when given, must be. */
    private static Direction agreeing(String monitor, Direction mode, Direction direction) {
        if (mode != null && mode != direction) {
            throw new IllegalArgumentException("train config: mode = " + mode.key() + " contradicts monitor "
                    + monitor + ", which is better when " + (direction == Direction.MAX ? "higher" : "lower")
                    + "; give mode " + direction.key() + " or leave it out");
        }
        return direction;
    }

    /**
     * This configuration as a run measuring with {@code metrics} trains it: the monitor must be one of
     * {@code metrics.monitors()} (a loop measure or a scalar metric's history column, a library caller's included),
     * and the mode is its direction (given, it must agree). The run set-up calls it when the run starts, as the
     * registry is the run's, not the configuration's; a checkpoint's configuration records the decided mode.
     *
     * @throws IllegalArgumentException one line naming the key, what was expected and what was found
     */
    public TrainConfig resolveMonitor(MetricRegistry metrics) {
        Map<String, Direction> known = metrics.monitors();
        Direction direction = known.get(monitor);
        if (direction == null) {
            throw new IllegalArgumentException("train config: monitor = \"" + monitor + "\", expected one of "
                    + String.join(", ", known.keySet()));
        }
        Direction decided = agreeing(monitor, mode, direction);
        return decided == mode ? this : toBuilder().mode(decided).build();
    }

    /**
     * Keys to lay over a configuration, completed by the rule "the mode follows the monitor": keys that name a
     * built-in {@code monitor} without a {@code mode} get that monitor's mode, so the mode of the configuration
     * below (max, for val_acc) does not contradict it. Anything else is returned as it is.
     */
    public static JsonNode withImpliedMode(JsonNode keys) {
        return impliedModeOf(MetricRegistry.builtIn()).apply(keys);
    }

    /**
     * {@link #withImpliedMode} for a run measuring with {@code metrics}: a monitor that is a library caller's
     * metric implies its direction too (pass it to a {@code RecordBinder} of this record).
     */
    public static UnaryOperator<JsonNode> impliedModeOf(MetricRegistry metrics) {
        return keys -> {
            if (keys instanceof ObjectNode o && o.get("monitor") != null && o.get("monitor").isTextual()
                    && !o.has("mode")) {
                Direction d = metrics.monitors().get(o.get("monitor").asText());
                if (d != null) {
                    return o.deepCopy().put("mode", d.key());
                }
            }
            return keys;
        };
    }

    /** What early stopping and the best checkpoint watch. */
    public Monitor monitored() {
        if (mode == null) {
            throw new IllegalStateException("train config: the mode of monitor " + monitor + " follows its metric,"
                    + " which only the run's registry knows: call resolveMonitor(registry) first");
        }
        return new Monitor(monitor, mode);
    }

    /** The feature-file limits these keys set. */
    public FeatureFileLimits featureFileLimits() {
        return new FeatureFileLimits(maxFramesLimit);
    }

    /** A builder starting from this configuration. */
    public TrainConfigBuilder toBuilder() {
        return new TrainConfigBuilder(this);
    }

    /** A builder starting from {@link #defaults()}. */
    public static TrainConfigBuilder builder() {
        return new TrainConfigBuilder(defaults());
    }

    /** This configuration with another seed (ensemble members use 42 + i). */
    public TrainConfig withSeed(long newSeed) {
        return toBuilder().seed(newSeed).build();
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static void atLeast(String field, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException("train config: " + field + " = " + value + ", expected >= " + min);
        }
    }

    private static void positiveFinite(String field, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("train config: " + field + " = " + value
                    + ", expected a finite value > 0");
        }
    }

    private static void nonNegativeFinite(String field, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("train config: " + field + " = " + value
                    + ", expected a finite value >= 0");
        }
    }

    private static void notNull(String field, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("train config: " + field + " is missing (null)");
        }
    }
}
