package io.videoseq.training.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Hand-worked cases for what the scikit-learn golden (MetricsReportTest) cannot show: ties, clipping, undefined. */
class ProbabilityMetricsTest {
    private static final double TOL = 1e-12;

    @Test
    void aucCountsTiesHalfAndIsUndefinedWithoutPositives() {
        // class 0: positives score 0.6 and 0.5, negatives 0.5 and 0.2 -> pairs 1, 1, 0.5 (tie), 1 -> 3.5 / 4
        double[][] p = {{0.6, 0.4, 0.0}, {0.5, 0.5, 0.0}, {0.5, 0.5, 0.0}, {0.2, 0.8, 0.0}};
        int[] y = {0, 0, 1, 1};
        ProbabilityMetrics m = ProbabilityMetrics.of(p, y);
        assertEquals(3.5 / 4, m.rocAucPerClass()[0], TOL);
        assertEquals(3.5 / 4, m.rocAucPerClass()[1], TOL);
        assertTrue(Double.isNaN(m.rocAucPerClass()[2]), "class 2 has no positives");
        assertEquals(3.5 / 4, m.rocAucMacro(), TOL, "the macro leaves the undefined class out");
    }

    @Test
    void topTwoAccuracyLetsATieKeepTheTrueClassAndIsUndefinedForTwoClasses() {
        double[][] p = {{0.5, 0.25, 0.25}, {0.2, 0.3, 0.5}, {0.1, 0.2, 0.7}};
        // row 0: true class 2 tied second -> hit; row 1: true class 0 third -> miss; row 2: true class 2 first
        assertEquals(100.0 * 2 / 3, ProbabilityMetrics.of(p, new int[]{2, 0, 2}).topKAccuracyPercent(), TOL);
        assertTrue(Double.isNaN(ProbabilityMetrics.of(new double[][]{{0.3, 0.7}}, new int[]{0})
                .topKAccuracyPercent()));
    }

    @Test
    void logLossClipsAZeroProbabilityAsScikitLearnDoes() {
        ProbabilityMetrics m = ProbabilityMetrics.of(new double[][]{{1.0, 0.0}, {0.5, 0.5}}, new int[]{1, 0});
        // row 0 clipped to [1 - eps, eps], whose sum is 1: -log(eps); row 1: log 2
        assertEquals((-Math.log(ProbabilityMetrics.LOG_LOSS_EPS) + Math.log(2)) / 2, m.logLoss(), 1e-9);
        assertTrue(Double.isFinite(m.logLoss()));
    }

    @Test
    void brierIsTheMultiClassSquaredDistance() {
        // (0.3^2 + 0.2^2 + 0.1^2) and a perfect row (0), averaged
        ProbabilityMetrics m = ProbabilityMetrics.of(new double[][]{{0.7, 0.2, 0.1}, {0, 0, 1}}, new int[]{0, 2});
        assertEquals((0.09 + 0.04 + 0.01) / 2, m.brier(), TOL);
        assertEquals(2.0, ProbabilityMetrics.of(new double[][]{{1, 0}}, new int[]{1}).brier(), TOL,
                "all mass on the wrong class is the maximum, 2, where sklearn's binary score would say 1");
    }

    @Test
    void eceWeightsEachBinByItsShare() {
        // bin (0.8, 0.8667]: confidences 0.85, 0.85, one right -> |0.5 - 0.85| * 2/4;
        // bin (0.6, 0.6667]: 0.65, 0.65, both right -> |1 - 0.65| * 2/4
        double[][] p = {{0.85, 0.15}, {0.85, 0.15}, {0.35, 0.65}, {0.35, 0.65}};
        ProbabilityMetrics m = ProbabilityMetrics.of(p, new int[]{0, 1, 1, 1});
        assertEquals(0.35 * 0.5 + 0.35 * 0.5, m.ece(), TOL);
        assertEquals(0.0, ProbabilityMetrics.of(new double[][]{{1, 0}}, new int[]{0}).ece(), TOL,
                "a confidence of exactly 1 lands in the last bin");
    }

    @Test
    void rejectsBadInputNamingTheEntry() {
        String m = assertThrows(IllegalArgumentException.class,
                () -> ProbabilityMetrics.of(new double[][]{{0.5, 0.5}, {Double.NaN, 1}}, new int[]{0, 1})).getMessage();
        assertTrue(m.contains("probabilities[1][0] = NaN"), m);
        m = assertThrows(IllegalArgumentException.class,
                () -> ProbabilityMetrics.of(new double[][]{{0.5, 0.5}}, new int[]{2})).getMessage();
        assertTrue(m.contains("labels[0] = 2"), m);
        m = assertThrows(IllegalArgumentException.class,
                () -> ProbabilityMetrics.of(new double[][]{{0.5, 0.5}, {1.0}}, new int[]{0, 0})).getMessage();
        assertTrue(m.contains("probabilities[1] has 1 classes"), m);
        assertThrows(IllegalArgumentException.class, () -> ProbabilityMetrics.of(new double[0][], new int[0]));
    }

    @Test
    void valueSemantics() {
        double[][] p = {{0.7, 0.3}, {0.4, 0.6}};
        ProbabilityMetrics a = ProbabilityMetrics.of(p, new int[]{0, 1});
        ProbabilityMetrics b = ProbabilityMetrics.of(p, new int[]{0, 1});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        a.rocAucPerClass()[0] = 0.1;
        assertEquals(b, a);
        assertNotEquals(a, ProbabilityMetrics.of(p, new int[]{1, 1}));
        assertTrue(a.toString().startsWith("ProbabilityMetrics(top2Accuracy="), a.toString());
    }
}
