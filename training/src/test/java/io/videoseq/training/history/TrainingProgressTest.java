package io.videoseq.training.history;

import org.junit.jupiter.api.Test;

import java.util.List;

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

    @Test
    void historyMustBeConsecutive() {
        assertThrows(IllegalArgumentException.class, () -> TrainingProgress.start().after(epoch(2, 10)));
    }
}
