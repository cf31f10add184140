package io.videoseq.spark;

import io.videoseq.data.FeatureSplits;
import io.videoseq.data.SequenceBatchIterator;
import io.videoseq.data.Split;
import io.videoseq.data.SyntheticDataSpec;
import io.videoseq.data.SyntheticDataWriter;
import io.videoseq.training.TrainConfig;
import io.videoseq.training.run.TrainingData;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function;
import org.deeplearning4j.core.loader.DataSetLoader;
import org.deeplearning4j.core.loader.impl.SerializedDataSetLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.common.loader.LocalFileSourceFactory;
import org.nd4j.linalg.dataset.DataSet;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The data path of docs/SPARK.md, measured (named so that Surefire does not run it in the build; run it with -Dtest=DataPathMeasurement): one epoch of training batches delivered
 * to {@code local[2]} workers (a) built on the workers from the HDF5 file by {@link TrainingBatchLoader}, (b) built
 * on the driver, exported as DL4J DataSet files and loaded by DL4J's {@code SerializedDataSetLoader}, as
 * {@code fitPaths} would. Numbers in docs/SPARK.md.
 */
class DataPathMeasurement {
    @TempDir
    Path tmp;

    @Test
    void measure() throws Exception {
        Path data = tmp.resolve("features");
        SyntheticDataWriter.write(data, new SyntheticDataSpec(640, 80, 80, 256, 8, 10, 60, "", 7));
        TrainConfig c = TrainConfig.builder().batchSize(32).build();
        SparkTrainingOptions o = SparkTrainingOptions.averaging(2, 1);
        Path train = FeatureSplits.path(data, Split.TRAIN, "");
        TrainingBatchLoader hdf5 = new TrainingBatchLoader(train, c, o);
        int batches;
        try (TrainingData d = TrainingData.open(data, c)) {
            batches = d.trainingBatches().numBatches();
        }
        System.out.printf(Locale.ROOT, "train file %.1f MB, %d batches of %d%n", Files.size(train) / 1e6, batches,
                c.batchSize());
        for (int epoch = 0; epoch < 3; epoch++) {
            List<String> names = new ArrayList<>();
            for (int b = 0; b < batches; b++) {
                names.add(BatchPaths.of(epoch, b));
            }
            long t0 = System.nanoTime();
            long steps = LocalSpark.context().parallelize(names, 2).map(new Load(hdf5)).reduce(Long::sum);
            double hdf5Seconds = (System.nanoTime() - t0) / 1e9;

            t0 = System.nanoTime();
            Path dir = Files.createDirectories(tmp.resolve("export-" + epoch));
            List<String> files = new ArrayList<>();
            long bytes = 0;
            try (TrainingData d = TrainingData.open(data, c)) {
                SequenceBatchIterator it = d.trainingBatches();
                it.startEpoch(epoch);
                int b = 0;
                while (it.hasNext()) {
                    File f = dir.resolve("batch-" + b++ + ".bin").toFile();
                    it.next().save(f);
                    bytes += f.length();
                    files.add(f.getAbsolutePath());
                }
            }
            double exportSeconds = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            long steps2 = LocalSpark.context().parallelize(files, 2).map(new Load(new SerializedDataSetLoader()))
                    .reduce(Long::sum);
            double loadSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "epoch %d: HDF5 on the workers %.2f s | export on the driver %.2f s"
                            + " (%.1f MB) + load on the workers %.2f s | real steps %d = %d%n", epoch, hdf5Seconds,
                    exportSeconds, bytes / 1e6, loadSeconds, steps, steps2);
        }
    }

    /** Loads a batch on the worker and returns its real steps (so the work is not optimised away). */
    static final class Load implements Function<String, Long> {
        private static final long serialVersionUID = 1L;
        private final DataSetLoader loader;

        Load(DataSetLoader loader) {
            this.loader = loader;
        }

        @Override
        public Long call(String path) throws Exception {
            DataSet ds = loader.load(new LocalFileSourceFactory().getSource(path));
            WorkerSteps.next(); // nothing is fitted here: drop the step the HDF5 loader queued
            return ds.getFeaturesMaskArray().sumNumber().longValue();
        }
    }
}
