package io.videoseq.training.metrics;

import java.util.Random;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The data behind the report's ROC and reliability pictures agree with the numbers the report gives. */
class CurvesTest {

    @Test
    void rocCurveStepsThroughEachDistinctThresholdWithTiesAsOneDiagonal() {
        // class 0 scores: positives 0.6, 0.5; negatives 0.5, 0.2
        double[][] p = {{0.6, 0.4}, {0.5, 0.5}, {0.5, 0.5}, {0.2, 0.8}};
        RocCurve c = RocCurve.oneVsRest(p, new int[] {0, 0, 1, 1}, 0);
        assertArrayEquals(new double[] {0, 0, 0.5, 1}, c.falsePositiveRate(), 1e-15);
        assertArrayEquals(new double[] {0, 0.5, 1, 1}, c.truePositiveRate(), 1e-15);
        assertEquals(3.5 / 4, c.area(), 1e-15);
        assertNull(RocCurve.oneVsRest(p, new int[] {0, 0, 0, 0}, 0), "no negatives: no curve");
    }

    @Test
    void rocAreaIsTheMannWhitneyStatisticOnRandomScoresWithTies() {
        Random r = new Random(5);
        for (int trial = 0; trial < 20; trial++) {
            int n = 5 + r.nextInt(60);
            int classes = 2 + r.nextInt(4);
            double[][] p = new double[n][classes];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int k = 0; k < classes; k++) {
                    p[i][k] = r.nextInt(6) + 1; // few distinct values: many ties
                    sum += p[i][k];
                }
                for (int k = 0; k < classes; k++) {
                    p[i][k] /= sum;
                }
                y[i] = r.nextInt(classes);
            }
            for (int k = 0; k < classes; k++) {
                RocCurve c = RocCurve.oneVsRest(p, y, k);
                double auc = pairwiseAuc(p, y, k);
                if (c == null) {
                    assertTrue(Double.isNaN(auc));
                    continue;
                }
                assertEquals(auc, c.area(), 1e-12, "trial " + trial + " class " + k);
                double[] f = c.falsePositiveRate();
                assertEquals(1.0, f[f.length - 1], 1e-15);
                assertEquals(1.0, c.truePositiveRate()[f.length - 1], 1e-15);
                for (int i = 1; i < f.length; i++) {
                    assertTrue(f[i] >= f[i - 1] && c.truePositiveRate()[i] >= c.truePositiveRate()[i - 1]);
                }
            }
        }
    }

    @Test
    void reliabilityBinsHoldSizeConfidenceAndAccuracyAndGiveTheEce() {
        double[][] p = {{0.85, 0.15}, {0.85, 0.15}, {0.35, 0.65}, {0.35, 0.65}};
        ReliabilityBins bins = ReliabilityBins.of(p, new int[] {0, 1, 1, 1}, 15);
        assertEquals(15, bins.count().length);
        assertEquals(2, bins.count()[12], "0.85 is in (0.8, 0.8667]");
        assertEquals(2, bins.count()[9], "0.65 is in (0.6, 0.6667]");
        assertEquals(0.85, bins.meanConfidence()[12], 1e-15);
        assertEquals(0.5, bins.accuracy()[12], 1e-15);
        assertEquals(1.0, bins.accuracy()[9], 1e-15);
        assertTrue(Double.isNaN(bins.accuracy()[0]), "empty bin");
        assertEquals(ProbabilityMetrics.of(p, new int[] {0, 1, 1, 1}).ece(), bins.ece(), 0.0);
        assertEquals(0.8, bins.lowerEdge(12), 1e-15);
    }

    /** Every (positive, negative) pair counted: 1 when the positive scores higher, 1/2 on a tie; NaN without pairs. */
    private static double pairwiseAuc(double[][] p, int[] y, int k) {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < y.length; i++) {
            for (int j = 0; j < y.length; j++) {
                if (y[i] == k && y[j] != k) {
                    pairs++;
                    wins += p[i][k] > p[j][k] ? 1 : p[i][k] == p[j][k] ? 0.5 : 0;
                }
            }
        }
        return pairs == 0 ? Double.NaN : wins / pairs;
    }
}
