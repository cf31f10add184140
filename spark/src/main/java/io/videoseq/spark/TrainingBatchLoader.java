package io.videoseq.spark;

import io.videoseq.data.ClassWeights;
import io.videoseq.data.FeatureFile;
import io.videoseq.data.ReadMode;
import io.videoseq.data.SequenceBatchIterator;
import io.videoseq.data.TemporalAugmentation;
import io.videoseq.data.WeightedSampler;
import io.videoseq.data.ZeroFramePolicy;
import io.videoseq.training.TrainConfig;
import org.deeplearning4j.core.loader.DataSetLoader;
import org.nd4j.common.loader.Source;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds a training batch on the worker from the training feature file, which every executor reads at the same
 * path (a shared file system): batch {@code b} of epoch {@code e} is exactly the batch the single-JVM {@code Trainer}
 * fits in that place — class-weighted sampling, augmentation seeded from (seed, epoch, position), padding and
 * feature mask {@code [batch, time]} — because it is made by the same {@link SequenceBatchIterator}. The file is
 * opened once per executor JVM (the driver has validated it); each batch also queues its iteration and dropout
 * seed for {@link WorkerStepHook}.
 */
final class TrainingBatchLoader implements DataSetLoader {
    private static final long serialVersionUID = 1L;
    /** One open file and iterator per executor JVM and training set-up; the file is thread-safe, the iterator is not. */
    private static final Map<String, SequenceBatchIterator> OPEN = new ConcurrentHashMap<>();

    private final String trainFile;
    private final long seed;
    private final int batchSize;
    private final boolean augment;
    private final DataType dataType;
    private final ReadMode readMode;
    private final boolean allowZeroFrames;
    private final SparkTrainingOptions options;

    TrainingBatchLoader(Path trainFile, TrainConfig c, SparkTrainingOptions options) {
        this.options = options;
        this.trainFile = trainFile.toAbsolutePath().normalize().toString();
        this.seed = c.seed();
        this.batchSize = c.batchSize();
        this.augment = c.augment();
        this.dataType = c.dataType().nd4j();
        this.readMode = c.readMode().mode();
        this.allowZeroFrames = c.allowZeroFrames();
    }

    @Override
    public DataSet load(Source source) {
        int[] eb = BatchPaths.parse(source.getPath());
        SequenceBatchIterator it = OPEN.computeIfAbsent(key(), k -> open());
        DataSet ds;
        int batches;
        synchronized (it) {
            if (it.epoch() != eb[0]) {
                it.startEpoch(eb[0]);
            }
            ds = it.batch(eb[1]);
            batches = it.numBatches();
        }
        WorkerSteps.queue(new WorkerSteps.Step(options.iterationOf(eb[0], eb[1], batches), eb[0],
                WorkerSteps.dropoutSeed(seed, eb[0], eb[1])));
        return ds;
    }

    private String key() {
        return String.join("|", trainFile, Long.toString(seed), Integer.toString(batchSize), Boolean.toString(augment),
                dataType.name(), readMode.name(), Boolean.toString(allowZeroFrames));
    }

    private SequenceBatchIterator open() {
        FeatureFile f = FeatureFile.open(Path.of(trainFile), readMode, ZeroFramePolicy.allowIf(allowZeroFrames));
        double[] classWeights = ClassWeights.compute(f.labels(), f.numClasses());
        TemporalAugmentation aug = augment ? TemporalAugmentation.defaults() : TemporalAugmentation.disabled();
        return SequenceBatchIterator.training(f, WeightedSampler.forLabels(f.labels(), classWeights), aug, seed,
                batchSize, dataType);
    }
}
