package io.videoseq.inference.output;

import io.videoseq.inference.EnsembleScores;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MistakesTest {

    private static final List<String> NAMES = List.of("walk", "run", "jump");

    @Test
    void onlyWrongVideosMostConfidentFirstWithTheirMargin() {
        double[][] p = {
            {0.6, 0.3, 0.1},   // 0: true walk, right
            {0.5, 0.4, 0.1},   // 1: true run, wrong (walk 0.5, margin 0.1)
            {0.1, 0.1, 0.8},   // 2: true "walk", wrong (jump 0.8, margin 0.7)
            {0.2, 0.45, 0.35}, // 3: true jump, wrong (run 0.45, margin 0.1)
        };
        EnsembleScores s = new EnsembleScores(Nd4j.create(p), null, new int[] {0, 1, 0, 2});
        List<Mistakes.Mistake> m = Mistakes.of(s, NAMES);
        assertEquals(List.of(2, 1, 3), m.stream().map(Mistakes.Mistake::index).toList());
        Mistakes.Mistake top = m.get(0);
        assertEquals("walk", top.trueName());
        assertEquals("jump", top.predictedName());
        assertEquals(0.8, top.topProbability(), 1e-7);
        assertEquals(0.7, top.margin(), 1e-7);
        assertEquals(0.1, top.trueProbability(), 1e-7);
        String csv = Mistakes.csv(m);
        assertEquals("index,true_label,true_name,predicted,predicted_name,top_probability,margin,true_probability",
                csv.lines().findFirst().orElseThrow());
        assertEquals("2,0,walk,2,jump,0.800000,0.700000,0.100000", csv.lines().skip(1).findFirst().orElseThrow());
        assertEquals(4, csv.lines().count());
    }

    @Test
    void unlabeledScoresHaveNoMistakes() {
        EnsembleScores s = new EnsembleScores(Nd4j.create(new double[][] {{0.5, 0.5}}), null, null);
        assertThrows(IllegalArgumentException.class, () -> Mistakes.of(s, List.of("a", "b")));
    }
}
