package io.videoseq.training.run;

import io.videoseq.core.json.JsonMappers;
import io.videoseq.data.ClassCoverage;
import io.videoseq.data.ClassWeights;
import com.fasterxml.jackson.databind.JsonNode;
import io.videoseq.data.FeatureFile;
import io.videoseq.data.FeatureSplits;
import io.videoseq.data.ReadMode;
import io.videoseq.data.SequenceBatchIterator;
import io.videoseq.data.Split;
import io.videoseq.data.TemporalAugmentation;
import io.videoseq.data.VideoSource;
import io.videoseq.data.WeightedSampler;
import io.videoseq.data.ZeroFramePolicy;
import io.videoseq.model.ModelConfig;
import io.videoseq.training.TrainConfig;
import io.videoseq.training.checkpoint.InputChecksums;
import org.nd4j.linalg.api.buffer.DataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The three open splits of a run, their checksums and class weights, and the iterators built on them: training
 * batches drawn by the class-weighted sampler with augmentation, validation batches in file order without.
 * A training split without a video of some class is refused unless {@code allow_missing_classes}; a video whose
 * real frames are all 0 (or any NaN/Inf) is refused at open, before the first epoch, unless
 * {@code allow_zero_frames}: read per video, each split is read once up front for that, because finding a damaged
 * test video only after the last epoch would waste the whole run.
 */
public final class TrainingData implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("videoseq");

    private final VideoSource train;
    private final VideoSource val;
    private final VideoSource test;
    private final Path dir;
    private final TrainConfig config;
    private final double[] classWeights;
    private final Map<String, String> checksums;
    private final boolean ownsFiles;
    private final JsonNode featureExtractor;

    private TrainingData(Path dir, VideoSource train, VideoSource val, VideoSource test, TrainConfig config,
                         double[] classWeights, Map<String, String> checksums, boolean ownsFiles,
                         JsonNode featureExtractor) {
        this.featureExtractor = featureExtractor;
        this.dir = dir;
        this.train = train;
        this.val = val;
        this.test = test;
        this.config = config;
        this.classWeights = classWeights;
        this.checksums = checksums;
        this.ownsFiles = ownsFiles;
    }

    /** Opens {@code {train,val,test}_features{suffix}.h5} in {@code dir} and checks them against the model. */
    public static TrainingData open(Path dir, TrainConfig config, ModelConfig model) {
        TrainingData data = open(dir, config);
        try {
            data.requireFits(model);
            return data;
        } catch (RuntimeException e) {
            data.close();
            throw e;
        }
    }

    /**
     * Opens and validates {@code {train,val,test}_features{suffix}.h5} in {@code dir}, once for a whole run or
     * ensemble: the application reads the model's input width, class count and class names from {@link #train()}
     * and hands the open data to the run ({@link TrainingRequest#withData}), which never opens the files again.
     */
    public static TrainingData open(Path dir, TrainConfig config) {
        ReadMode mode = config.readMode();
        ZeroFramePolicy zeroFrames = ZeroFramePolicy.allowIf(config.allowZeroFrames());
        List<VideoSource> opened = new ArrayList<>();
        try {
            for (Split s : Split.values()) {
                FeatureFile v = FeatureFile.open(FeatureSplits.path(dir, s, config.suffix()), mode, zeroFrames,
                        config.featureFileLimits());
                opened.add(v);
                // Before the full validation pass: a file of new videos fails fast, not after minutes of reading.
                v.requireLabels("training learns and is scored on the true classes of all three splits");
                if (mode == ReadMode.PER_VIDEO) {
                    v.validateAll();
                }
                if (s == Split.TRAIN) {
                    requireEveryClass(v, config);
                }
            }
            VideoSource train = opened.get(0);
            return new TrainingData(dir, train, opened.get(1), opened.get(2), config,
                    ClassWeights.compute(train.labels(), train.numClasses()),
                    InputChecksums.of(List.of(train.path(), opened.get(1).path(), opened.get(2).path())), true,
                    oneExtraction(opened));
        } catch (RuntimeException e) {
            opened.forEach(VideoSource::close);
            throw e;
        }
    }

    /**
     * The same open files for a run with {@code c}: an ensemble's members differ in their seed only. The keys that
     * decided how the files were opened and checked must be the same.
     *
     * @throws IllegalArgumentException naming the folder or key that differs
     */
    public TrainingData forRun(Path featuresDir, TrainConfig c) {
        if (!featuresDir.toAbsolutePath().normalize().equals(dir.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("the open training data are of " + dir + ", the run asks for "
                    + featuresDir);
        }
        if (!c.suffix().equals(config.suffix()) || c.readMode() != config.readMode()
                || c.allowZeroFrames() != config.allowZeroFrames()
                || c.allowMissingClasses() != config.allowMissingClasses()
                || c.maxFramesLimit() != config.maxFramesLimit()) {
            throw new IllegalArgumentException("the open training data were opened with suffix, read_mode,"
                    + " allow_zero_frames, allow_missing_classes, max_frames_limit = " + List.of(config.suffix(),
                    config.readMode(), config.allowZeroFrames(), config.allowMissingClasses(),
                    config.maxFramesLimit()) + "; the run asks for " + List.of(c.suffix(), c.readMode(),
                    c.allowZeroFrames(), c.allowMissingClasses(), c.maxFramesLimit()));
        }
        return new TrainingData(dir, train, val, test, c, classWeights, checksums, false, featureExtractor);
    }

    /**
     * The splits' common {@code feature_extractor} record (null when none has one): the three splits must come from
     * one extraction (backbone, preprocessing and sampling all equal), which is stricter than the question
     * {@code video.BackboneIdentity#sameFeatures} answers (can this backbone feed a model trained on those features):
     * a model is trained on one sampling, but classifies with any backbone that computes the same features.
     */
    private static JsonNode oneExtraction(List<VideoSource> files) {
        JsonNode first = null;
        Path firstPath = null;
        for (VideoSource v : files) {
            JsonNode node = v instanceof FeatureFile f ? f.featureExtractor().map(TrainingData::json).orElse(null)
                    : null;
            if (v == files.get(0)) {
                first = node;
                firstPath = v.path();
            } else if (!java.util.Objects.equals(first, node)) {
                throw new RunRefusedException(v.path() + ": attribute feature_extractor: expected the one of "
                        + firstPath + " (" + abbreviate(first) + "), found " + abbreviate(node)
                        + ": the splits were extracted with different backbones or settings");
            }
        }
        return first;
    }

    private static JsonNode json(String text) {
        try {
            return JsonMappers.plain().readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("FeatureFile validated the attribute as JSON", e);
        }
    }

    private static String abbreviate(JsonNode n) {
        String s = n == null ? "none" : n.toString();
        return s.length() > 100 ? s.substring(0, 100) + "…" : s;
    }

    /** The features' {@code feature_extractor} record (backbone, preprocessing, sampling), or null. */
    public JsonNode featureExtractor() {
        return featureExtractor;
    }

    /** Every split must have the model's feature width and class count. */
    public void requireFits(ModelConfig model) {
        for (VideoSource v : List.of(train, val, test)) {
            requireMatches(v, model);
        }
    }

    private static void requireMatches(VideoSource v, ModelConfig model) {
        if (v.featureDim() != model.featureDim() || v.numClasses() != model.numClasses()) {
            throw new RunRefusedException(v.path() + ": feature_dim " + v.featureDim() + ", num_classes "
                    + v.numClasses() + "; the model config expects feature_dim " + model.featureDim()
                    + ", num_classes " + model.numClasses());
        }
    }

    /** Checked before the other splits are opened: they may take long to read into memory. */
    private static void requireEveryClass(VideoSource train, TrainConfig config) {
        if (!config.allowMissingClasses()) {
            ClassCoverage.requireEveryClass(train);
            return;
        }
        int[] missing = ClassCoverage.missing(train.labels(), train.numClasses());
        if (missing.length > 0) {
            LOG.warn("{}: no training video of class(es) {} (allow_missing_classes is set): the model cannot"
                    + " learn them", train.path(), Arrays.toString(missing));
        }
    }

    public VideoSource train() {
        return train;
    }

    public VideoSource val() {
        return val;
    }

    public VideoSource test() {
        return test;
    }

    /** The training split's class weights (inverse frequency, clipped to [0.5, 10]). */
    public double[] classWeights() {
        return classWeights.clone();
    }

    /** SHA-256 of the three files by file name. */
    public Map<String, String> checksums() {
        return checksums;
    }

    /** ceil(training videos / batch size): the sampler draws as many videos per epoch as the split has. */
    public int iterationsPerEpoch() {
        return (train.size() + config.batchSize() - 1) / config.batchSize();
    }

    public DataType dataType() {
        return config.dataType().nd4j();
    }

    /** Class-weighted sampling with replacement, augmented when configured; call {@code startEpoch(e)}. */
    public SequenceBatchIterator trainingBatches() {
        TemporalAugmentation aug = config.augment() ? TemporalAugmentation.defaults() : TemporalAugmentation.disabled();
        return SequenceBatchIterator.training(train, WeightedSampler.forLabels(train.labels(), classWeights), aug,
                config.seed(), config.batchSize(), dataType());
    }

    /** The validation split in file order, unaugmented. */
    public SequenceBatchIterator validationBatches() {
        return SequenceBatchIterator.sequential(val, config.batchSize(), dataType());
    }

    /** Closes the files, unless this is a {@link #forRun} view of data opened by someone else. */
    @Override
    public void close() {
        if (ownsFiles) {
            train.close();
            val.close();
            test.close();
        }
    }
}
