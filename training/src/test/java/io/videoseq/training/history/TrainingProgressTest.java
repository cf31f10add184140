package io.videoseq.training.history;

import org.junit.jupiter.api.Test;

import io.videoseq.training.metrics.Direction;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingProgressTest {

    static EpochRecord epoch(int e, double valAcc) {
        return new EpochRecord(e, 1.0 / e, 50 + e, 0.5, valAcc, valAcc - 1, List.of(valAcc, valAcc - 2), valAcc - 2,
                1e-3, 0.25);
    }

    @Test
    void onlyStrictImprovementMovesTheBestAndResetsTheCounter() {
        TrainingProgress p = TrainingProgress.start()
                .after(epoch(1, 50)).after(epoch(2, 60)).after(epoch(3, 60)).after(epoch(4, 55));
        assertEquals(60.0, p.bestValAcc());
        assertEquals(2, p.bestEpoch());
        assertEquals(2, p.epochsWithoutImprovement());
        assertFalse(p.lastEpochImproved());
        p = p.after(epoch(5, 60.0001));
        assertEquals(5, p.bestEpoch());
        assertEquals(0, p.epochsWithoutImprovement());
        assertTrue(p.lastEpochImproved());
        assertEquals(5, p.completedEpochs());
    }

    @Test
    void firstEpochAlwaysImprovesEvenAtZeroAccuracy() {
        TrainingProgress p = TrainingProgress.start().after(epoch(1, 0.0));
        assertEquals(1, p.bestEpoch());
        assertTrue(p.lastEpochImproved());
    }

    /** An epoch with validation loss {@code loss}, validation accuracy {@code acc} and a macro F1 of {@code f1}. */
    static EpochRecord lossEpoch(int e, double loss, double acc, Double f1) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("val_acc", acc);
        v.put("val_weighted_f1", acc);
        v.put("val_per_class_f1", List.of(acc, acc));
        v.put("worst_class_f1", acc);
        v.put("val_macro_f1", f1);
        return new EpochRecord(e, 1.0, 50, loss, v, 1e-3, 0.25);
    }

    @Test
    void aLossMonitorKeepsTheLowestLossAndRecordsThatEpochsAccuracy() {
        Monitor loss = new Monitor("val_loss", Direction.MIN);
        TrainingProgress p = TrainingProgress.start().after(lossEpoch(1, 0.9, 40, 1.0), loss)
                .after(lossEpoch(2, 0.7, 30, 1.0), loss).after(lossEpoch(3, 0.7, 90, 1.0), loss)
                .after(lossEpoch(4, 0.8, 95, 1.0), loss);
        assertEquals(2, p.bestEpoch(), "lowest loss; equal loss at epoch 3 is no strict improvement");
        assertEquals(30.0, p.bestValAcc(), "the best epoch's validation accuracy, not the highest one");
        assertEquals(0.7, p.bestValue(loss));
        assertEquals(2, p.epochsWithoutImprovement());
        // The same epochs by validation accuracy: the original's rule.
        TrainingProgress byAcc = TrainingProgress.start();
        for (int e = 1; e <= 4; e++) {
            byAcc = byAcc.after(p.history().epochs().get(e - 1));
        }
        assertEquals(4, byAcc.bestEpoch());
        assertEquals(95.0, byAcc.bestValAcc());
    }

    @Test
    void anUndefinedValueNeverImprovesButTheFirstEpochIsAlwaysTheBestSoFar() {
        Monitor macro = new Monitor("val_macro_f1", Direction.MAX);
        TrainingProgress p = TrainingProgress.start().after(lossEpoch(1, 1, 10, null), macro);
        assertEquals(1, p.bestEpoch(), "so a best checkpoint exists");
        assertTrue(Double.isNaN(p.bestValue(macro)));
        p = p.after(lossEpoch(2, 1, 10, null), macro);
        assertEquals(1, p.bestEpoch());
        p = p.after(lossEpoch(3, 1, 10, 5.0), macro).after(lossEpoch(4, 1, 10, Double.NaN), macro);
        assertEquals(3, p.bestEpoch(), "a defined value beats an undefined one; NaN never wins");
        assertEquals(1, p.epochsWithoutImprovement());
    }

    @Test
    void historyMustBeConsecutive() {
        assertThrows(IllegalArgumentException.class, () -> TrainingProgress.start().after(epoch(2, 10)));
    }
}
