package io.videoseq.spark;

import io.videoseq.training.checkpoint.CheckpointMetadata;
import io.videoseq.training.checkpoint.CheckpointStore;
import io.videoseq.training.run.TrainedModel;
import io.videoseq.training.run.TrainingRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Gradient sharing on {@code local[2]}: DL4J's SharedTrainingMaster starts its Aeron media driver, the run completes
 * and writes the usual checkpoints. (In local mode both partitions share one model, so the sharing itself is not
 * exercised here.)
 */
class GradientSharingTest {
    @TempDir
    Path tmp;

    @Test
    void completesAndWritesUsualCheckpoints() {
        Path data = LocalSpark.data(tmp.resolve("features"));
        TrainingRequest r = LocalSpark.request(data, tmp.resolve("gs"), "gs", LocalSpark.config(2));
        SparkTrainingOptions o = new SparkTrainingOptions(SparkTrainingOptions.Mode.GRADIENT_SHARING, 2, 1,
                "127.0.0.1", 40123, null);
        TrainedModel m = SparkTrainer.train(LocalSpark.context(), r, o);
        assertEquals(2, m.results().epochsCompleted());
        assertTrue(Double.isFinite(m.results().history().epochs().get(1).trainLoss()));
        CheckpointMetadata meta = CheckpointStore.readMetadata(
                new CheckpointStore(tmp.resolve("gs/checkpoints")).lastPath("gs"));
        assertEquals(2 * o.iterationsPerEpoch(6), meta.iterationCount());
    }
}
