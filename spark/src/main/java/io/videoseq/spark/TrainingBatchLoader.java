package io.videoseq.spark;

import io.videoseq.data.ClassWeights;
import io.videoseq.data.FeatureFile;
import io.videoseq.data.FeatureFileLimits;
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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
    /**
     * One open file and iterator per executor JVM, training set-up and file version (size, modification time: a file
     * replaced at the same path is opened anew, the old one closed); the file is thread-safe, the iterator is not.
     */
    private static final Map<String, Open> OPEN = new ConcurrentHashMap<>();

    private record Open(FeatureFile file, SequenceBatchIterator batches) {
    }

    private final String trainFile;
    private final long seed;
    private final int batchSize;
    private final boolean augment;
    private final DataType dataType;
    private final ReadMode readMode;
    private final boolean allowZeroFrames;
    private final int maxFramesLimit;
    private final SparkTrainingOptions options;
    private final long driverSize;

    TrainingBatchLoader(Path trainFile, TrainConfig c, SparkTrainingOptions options) {
        this.options = options;
        this.driverSize = size(trainFile);
        this.trainFile = trainFile.toAbsolutePath().normalize().toString();
        this.seed = c.seed();
        this.batchSize = c.batchSize();
        this.augment = c.augment();
        this.dataType = c.dataType().nd4j();
        this.readMode = c.readMode();
        this.allowZeroFrames = c.allowZeroFrames();
        this.maxFramesLimit = c.maxFramesLimit();
    }

    @Override
    public DataSet load(Source source) {
        int[] eb = BatchPaths.parse(source.getPath());
        SequenceBatchIterator it = opened(key()).batches();
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
        Path p = Path.of(trainFile);
        long modified;
        try {
            modified = Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException("executor " + host() + ": cannot read the training features " + p
                    + " (every executor must see the features folder at the driver's path)", e);
        }
        return String.join("|", trainFile, Long.toString(size(p)), Long.toString(modified), Long.toString(seed),
                Integer.toString(batchSize), Boolean.toString(augment), dataType.name(), readMode.name(),
                Boolean.toString(allowZeroFrames), Integer.toString(maxFramesLimit));
    }

    private Open opened(String key) {
        Open o = OPEN.get(key);
        if (o != null) {
            return o;
        }
        synchronized (OPEN) {
            o = OPEN.get(key);
            if (o == null) {
                String version = String.join("|", Arrays.asList(key.split("\\|")).subList(0, 3)) + "|";
                OPEN.entrySet().removeIf(e -> {
                    // the same path in another version: replaced since it was opened
                    boolean stale = e.getKey().startsWith(trainFile + "|") && !e.getKey().startsWith(version);
                    if (stale) {
                        e.getValue().file().close();
                    }
                    return stale;
                });
                o = open();
                OPEN.put(key, o);
            }
            return o;
        }
    }

    private Open open() {
        Path p = Path.of(trainFile);
        long size = size(p);
        if (size != driverSize) {
            throw new IllegalStateException("executor " + host() + ": " + p + " has " + size + " bytes, the driver's "
                    + driverSize + ": every executor must see the same training features file");
        }
        FeatureFile f = FeatureFile.open(p, readMode, ZeroFramePolicy.allowIf(allowZeroFrames),
                new FeatureFileLimits(maxFramesLimit));
        double[] classWeights = ClassWeights.compute(f.labels(), f.numClasses());
        TemporalAugmentation aug = augment ? TemporalAugmentation.defaults() : TemporalAugmentation.disabled();
        return new Open(f, SequenceBatchIterator.training(f, WeightedSampler.forLabels(f.labels(), classWeights), aug,
                seed, batchSize, dataType));
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException("executor " + host() + ": cannot read the training features " + p
                    + " (every executor must see the features folder at the driver's path)", e);
        }
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "(unknown host)";
        }
    }
}
