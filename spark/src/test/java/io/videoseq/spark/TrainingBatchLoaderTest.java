package io.videoseq.spark;

import io.videoseq.data.FeatureSplits;
import io.videoseq.data.SequenceBatchIterator;
import io.videoseq.data.Split;
import io.videoseq.data.SyntheticDataSpec;
import io.videoseq.data.SyntheticDataWriter;
import io.videoseq.training.TrainConfig;
import io.videoseq.training.run.TrainingData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.common.loader.LocalFileSourceFactory;
import org.nd4j.linalg.dataset.DataSet;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** The worker's batch is the driver's, with its step; another file at the driver's path is refused. */
class TrainingBatchLoaderTest {
    @TempDir
    Path tmp;

    @Test
    void buildsTheSingleJvmBatchAndQueuesItsStep() throws Exception {
        Path data = LocalSpark.data(tmp.resolve("f"));
        TrainConfig c = LocalSpark.config(1);
        SparkTrainingOptions o = SparkTrainingOptions.averaging(2, 2);
        TrainingBatchLoader loader = new TrainingBatchLoader(FeatureSplits.path(data, Split.TRAIN, ""), c, o);
        try (TrainingData d = TrainingData.open(data, c)) {
            SequenceBatchIterator it = d.trainingBatches();
            it.startEpoch(3);
            for (int b = 0; b < it.numBatches(); b++) {
                DataSet expected = it.next();
                DataSet actual = loader.load(new LocalFileSourceFactory().getSource(BatchPaths.of(3, b)));
                assertArrayEquals(expected.getFeatures().dup().data().asFloat(), actual.getFeatures().dup().data().asFloat());
                assertEquals(expected.getFeaturesMaskArray(), actual.getFeaturesMaskArray());
                assertEquals(expected.getLabels(), actual.getLabels());
                WorkerSteps.Step step = WorkerSteps.next();
                // 6 batches, rounds of 4: epoch 3 starts at 3 x 3 steps; batch b of round r is step r*2 + (b%4)/2
                assertEquals(9 + (b / 4) * 2 + (b % 4) / 2, step.iteration(), "batch " + b);
                assertEquals(3, step.epoch());
                assertEquals(WorkerSteps.dropoutSeed(c.seed(), 3, b), step.dropoutSeed());
            }
        }
        assertNull(WorkerSteps.next());
    }

    @Test
    void anotherFileAtTheDriversPathIsRefused() throws Exception {
        Path data = LocalSpark.data(tmp.resolve("g"));
        Path train = FeatureSplits.path(data, Split.TRAIN, "");
        TrainingBatchLoader loader = new TrainingBatchLoader(train, LocalSpark.config(1),
                SparkTrainingOptions.averaging(1, 1));
        SyntheticDataWriter.writeFile(train, 40, new SyntheticDataSpec(40, 9, 9, LocalSpark.FEATURES,
                LocalSpark.CLASSES, 4, 9, "", 5));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> loader.load(new LocalFileSourceFactory().getSource(BatchPaths.of(0, 0))));
        assertTrue(e.getMessage().contains("the driver's") && e.getMessage().contains(train.toString()),
                e.getMessage());
    }
}
