package io.videoseq.training.callback;

import io.videoseq.training.run.RunState;
import io.videoseq.training.TrainConfig;
import io.videoseq.training.history.EpochRecord;
import io.videoseq.training.history.TrainingProgress;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EarlyStoppingTest {

    private static EpochRecord epoch(int e, double acc) {
        return new EpochRecord(e, 1, 1, 1, acc, acc, List.of(acc, acc), acc, 1e-3, 1);
    }

    private static RunState state(TrainingProgress p) {
        return new RunState("m", TrainConfig.defaults(), null, null, p, 1, Map.of(), null, null, null);
    }

    @Test
    void stopsExactlyWhenPatienceEpochsPassedWithoutStrictImprovement() {
        EarlyStopping stopping = new EarlyStopping(3);
        TrainingProgress p = TrainingProgress.start().after(epoch(1, 70));
        double[] accs = {70, 69, 70};   // equal is not an improvement
        for (int i = 0; i < accs.length; i++) {
            EpochRecord r = epoch(i + 2, accs[i]);
            p = p.after(r);
            StopSignal s = stopping.onEpochEnd(r, state(p));
            assertTrue(s.stop() == (i == accs.length - 1), "epoch " + r.epoch() + ": " + s);
        }
        TrainingProgress improved = p.after(epoch(5, 70.5));
        assertFalse(stopping.onEpochEnd(epoch(5, 70.5), state(improved)).stop());
    }
}
