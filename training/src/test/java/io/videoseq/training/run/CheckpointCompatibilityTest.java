package io.videoseq.training.run;

import io.videoseq.training.TrainConfig;
import io.videoseq.training.checkpoint.CheckpointStore;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every checkpoint a training run writes (best and periodic; AdamW state, focal loss, cosine schedule) loads
 * through {@link CheckpointStore#load} exactly as DL4J's own {@code ModelSerializer} loads it: same
 * configuration, counters, parameters, updater state and outputs, to the bit.
 */
class CheckpointCompatibilityTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(TrainConfig.Precision.class)
    void checkpointsOfARunLoadBitIdenticallyToModelSerializer(TrainConfig.Precision precision, @TempDir Path tmp)
            throws Exception {
        TrainConfig c = TinyRun.config().toBuilder().epochs(2).dataType(precision).build();
        Trainer.train(TinyRun.request(TinyRun.data(tmp.resolve("data")), tmp, "tiny", c));
        List<Path> checkpoints = new CheckpointStore(tmp.resolve("checkpoints")).all("tiny");
        assertEquals(4, checkpoints.size(), "best, last and two periodic: " + checkpoints);
        DataType dt = precision.nd4j();
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.randn(dt, 3, TinyRun.FEATURES, 6);
        INDArray m = Nd4j.ones(dt, 3, 6);
        m.get(NDArrayIndex.point(1), NDArrayIndex.interval(2, 6)).assign(0);
        for (Path p : checkpoints) {
            ComputationGraph dl4j = ModelSerializer.restoreComputationGraph(p.toFile(), true);
            ComputationGraph ours = CheckpointStore.load(p).graph();
            assertEquals(dl4j.getConfiguration().toJson(), ours.getConfiguration().toJson(), p.toString());
            assertEquals(dl4j.getIterationCount(), ours.getIterationCount());
            assertEquals(dl4j.getEpochCount(), ours.getEpochCount());
            assertArrayEquals(dl4j.params().data().asDouble(), ours.params().data().asDouble(), p.toString());
            assertArrayEquals(dl4j.getUpdater().getStateViewArray().data().asDouble(),
                    ours.getUpdater().getStateViewArray().data().asDouble(), p.toString());
            INDArray want = dl4j.output(false, new INDArray[]{x}, new INDArray[]{m})[0];
            INDArray got = ours.output(false, new INDArray[]{x}, new INDArray[]{m})[0];
            assertArrayEquals(want.data().asDouble(), got.data().asDouble(), p.toString());
        }
    }
}
