package io.videoseq.spark;

import io.videoseq.data.SyntheticDataSpec;
import io.videoseq.data.SyntheticDataWriter;
import io.videoseq.model.ModelConfig;
import io.videoseq.training.TrainConfig;
import io.videoseq.training.run.TrainingRequest;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

import java.nio.file.Path;
import java.util.List;

/** One {@code local[2]} Spark context for every test of the JVM (Spark allows one), and a tiny run. */
final class LocalSpark {
    static final int FEATURES = 6;
    static final int CLASSES = 3;
    private static JavaSparkContext sc;

    private LocalSpark() {
    }

    static synchronized JavaSparkContext context() {
        if (sc == null) {
            SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("videoseq-spark-test")
                    .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1");
            sc = new JavaSparkContext(conf);
        }
        return sc;
    }

    /** 24/9/9 videos of 4..9 frames. */
    static Path data(Path dir) {
        SyntheticDataWriter.write(dir, new SyntheticDataSpec(24, 9, 9, FEATURES, CLASSES, 4, 9, "", 5));
        return dir;
    }

    /** Bidirectional LSTM of 4, 2 heads, dropout 0.3 (so the workers' dropout seeding is exercised). */
    static ModelConfig model() {
        return ModelConfig.builder().featureDim(FEATURES).hiddenDim(4).numClasses(CLASSES).numLstmLayers(1)
                .numAttentionHeads(2).dropout(0.3).bidirectional(true).headDims(List.of(8, 8, 4)).build();
    }

    static TrainConfig config(int epochs) {
        return TrainConfig.builder().epochs(epochs).batchSize(4).checkpointEvery(1).keepCheckpoints(2).scheduleT0(2)
                .learningRate(3e-3).build();
    }

    /** 64/9/9 videos: enough for the loss to fall clearly within a few epochs. */
    static Path learnableData(Path dir) {
        SyntheticDataWriter.write(dir, new SyntheticDataSpec(64, 9, 9, FEATURES, CLASSES, 4, 9, "", 5));
        return dir;
    }

    /** Batches of 8, one cosine cycle over the run, patience off. */
    static TrainConfig learning(int epochs) {
        return TrainConfig.builder().epochs(epochs).batchSize(8).checkpointEvery(1).keepCheckpoints(2)
                .scheduleT0(epochs).learningRate(1e-2).patience(epochs).build();
    }

    static TrainingRequest request(Path data, Path out, String name, TrainConfig c) {
        return TrainingRequest.of(data, out.resolve("checkpoints"), out.resolve("results"), name, model(), c);
    }
}
