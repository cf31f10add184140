package io.videoseq.inference.output;

import io.videoseq.inference.EnsembleScores;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** The predict CSV: true_label only for labelled files, names of the predicted and the top-k classes. */
class PredictionsCsvTest {
    private static final double[][] P = {{0.2, 0.5, 0.3}, {0.4, 0.2, 0.4}};
    private static final List<String> NAMES = List.of("walk", "run, fast", "jump");

    @Test
    void unlabeledHasNoTrueLabelColumn() {
        EnsembleScores s = new EnsembleScores(Nd4j.create(P), null, null);
        assertEquals("index,predicted,predicted_name,prob_0,prob_1,prob_2\n"
                + "0,1,\"run, fast\",0.200000,0.500000,0.300000\n"
                + "1,0,walk,0.400000,0.200000,0.400000\n", PredictionsCsv.of(s, NAMES, 0));
    }

    @Test
    void labelledKeepsTrueLabelAfterIndexAndTopKRanksTiesByIndex() {
        EnsembleScores s = new EnsembleScores(Nd4j.create(P), null, new int[] {2, 0});
        assertEquals("index,true_label,predicted,predicted_name,prob_0,prob_1,prob_2,top1,top1_prob,top2,top2_prob\n"
                + "0,2,1,\"run, fast\",0.200000,0.500000,0.300000,\"run, fast\",0.500000,jump,0.300000\n"
                + "1,0,0,walk,0.400000,0.200000,0.400000,walk,0.400000,jump,0.400000\n",
                PredictionsCsv.of(s, NAMES, 2));
        assertArrayEquals(new int[] {0, 2, 1}, PredictionsCsv.ranked(P[1]));
    }

    @Test
    void topKAndNamesAreChecked() {
        EnsembleScores s = new EnsembleScores(Nd4j.create(P), null, null);
        assertThrows(IllegalArgumentException.class, () -> PredictionsCsv.of(s, NAMES, 4));
        assertThrows(IllegalArgumentException.class, () -> PredictionsCsv.of(s, NAMES, -1));
        assertThrows(IllegalArgumentException.class, () -> PredictionsCsv.of(s, List.of("a", "b"), 1));
    }
}
