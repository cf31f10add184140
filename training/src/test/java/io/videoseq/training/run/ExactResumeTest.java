package io.videoseq.training.run;

import io.videoseq.model.optim.AdamW;

import io.videoseq.training.TrainConfig;
import io.videoseq.training.checkpoint.Checkpoint;
import io.videoseq.training.checkpoint.CheckpointStore;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * N epochs straight vs K epochs, a fresh process state, and a resume to N: the parameters, the updater state and
 * the history are BIT-EQUAL (exact {@code equals} on the arrays, not a tolerance), in double precision and in float
 * (where AdamW runs on oneDNN's primitives when dnnl is on the classpath, as it is for this module).
 */
class ExactResumeTest {

    private static final int N = 4;
    private static final int K = 2;

    @ParameterizedTest
    @EnumSource(TrainConfig.Precision.class)
    void resumedRunEqualsUninterruptedRunBitForBit(TrainConfig.Precision precision, @TempDir Path tmp) {
        Path data = TinyRun.data(tmp.resolve("data"));
        TrainConfig full = TinyRun.config().toBuilder().epochs(N).dataType(precision)
                .keepCheckpoints(N).build();

        Trainer.train(TinyRun.request(data, tmp.resolve("straight"), "m", full));

        Path split = tmp.resolve("split");
        Trainer.train(TinyRun.request(data, split, "m", full.toBuilder().epochs(K).build()));
        // Disturb every global random state a resumed process would not share with the first one.
        org.nd4j.linalg.factory.Nd4j.getRandom().setSeed(123456789L);
        org.nd4j.linalg.factory.Nd4j.rand(7, 7);
        Trainer.train(TinyRun.request(data, split, "m", full).withResume(ResumeFrom.latest()));

        Checkpoint a = CheckpointStore.load(new CheckpointStore(tmp.resolve("straight/checkpoints"))
                .periodicPath("m", N));
        Checkpoint b = CheckpointStore.load(new CheckpointStore(split.resolve("checkpoints")).periodicPath("m", N));
        // INDArray.equals has a 1e-5 tolerance: compare the largest absolute difference with exactly 0 instead.
        assertEquals(0.0, maxAbsDiff(a.graph().params(), b.graph().params()), "parameters differ");
        assertEquals(0.0, maxAbsDiff(a.graph().getUpdater().getStateViewArray(),
                b.graph().getUpdater().getStateViewArray()), "AdamW moments differ");
        assertEquals(a.graph().getConfiguration().getIterationCount(), b.graph().getConfiguration().getIterationCount());
        assertEquals(TinyRun.withoutTimes(a.metadata().progress().history().epochs()),
                TinyRun.withoutTimes(b.metadata().progress().history().epochs()));
        assertEquals(a.metadata().progress().bestEpoch(), b.metadata().progress().bestEpoch());
        assertEquals(a.metadata().progress().epochsWithoutImprovement(),
                b.metadata().progress().epochsWithoutImprovement());
    }

    private static double maxAbsDiff(org.nd4j.linalg.api.ndarray.INDArray x, org.nd4j.linalg.api.ndarray.INDArray y) {
        assertEquals(x.dataType(), y.dataType());
        return x.sub(y).amaxNumber().doubleValue();
    }

}
