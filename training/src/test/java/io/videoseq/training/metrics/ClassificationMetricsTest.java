package io.videoseq.training.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import io.videoseq.model.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** Against scikit-learn (metrics.json) to 1e-12 absolute on percentages: only rounding order differs. */
class ClassificationMetricsTest {
    private static final double TOL = 1e-12;
    private static final JsonNode GOLDEN = Golden.read("metrics.json");

    static Stream<Integer> cases() {
        return IntStream.range(0, GOLDEN.size()).boxed();
    }

    private static ClassificationMetrics metrics(JsonNode c) {
        return ClassificationMetrics.of(Golden.ints(c.get("y_true")), Golden.ints(c.get("y_pred")),
                c.get("num_classes").asInt());
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("cases")
    void matchesScikitLearn(int index) {
        JsonNode c = GOLDEN.get(index);
        ClassificationMetrics m = metrics(c);
        assertEquals(c.get("accuracy_percent").asDouble(), m.accuracyPercent(), TOL);
        assertEquals(c.get("f1_weighted_percent").asDouble(), m.weightedF1Percent(), TOL);
        double[] perClass = Golden.doubles(c.get("f1_per_class_percent"));
        assertArrayEquals(perClass, m.perClassF1Percent(), TOL);
        assertArrayEquals(Golden.ints(c.get("support")), m.support());
        double worst = Double.POSITIVE_INFINITY;
        for (int k = 0; k < perClass.length; k++) {
            worst = Math.min(worst, perClass[k]);
        }
        assertEquals(worst, m.worstClassF1Percent(), TOL, "every golden class has support");
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("cases")
    void confusionMatrixCountsTrueByPredicted(int index) {
        JsonNode c = GOLDEN.get(index);
        int[] yTrue = Golden.ints(c.get("y_true"));
        int[] yPred = Golden.ints(c.get("y_pred"));
        int k = c.get("num_classes").asInt();
        int[][] expected = new int[k][k];
        for (int i = 0; i < yTrue.length; i++) {
            expected[yTrue[i]][yPred[i]]++;
        }
        assertArrayEquals(expected, metrics(c).confusion());
    }

    @Test
    void neverPredictedClassHasZeroF1() {
        JsonNode c = GOLDEN.get(1);
        ClassificationMetrics m = metrics(c);
        assertEquals(0.0, m.perClassF1Percent()[3], 0.0);
        assertEquals(0.0, m.worstClassF1Percent(), 0.0);
        for (int[] row : m.confusion()) {
            assertEquals(0, row[3], "class 3 is never predicted");
        }
    }

    @Test
    void classesWithoutSupportAreLeftOutOfTheWorstClass() {
        // class 2 never occurs and is never predicted: sklearn gives it F1 0, but it is not the weakest class
        ClassificationMetrics m = ClassificationMetrics.of(new int[]{0, 0, 1, 1}, new int[]{0, 1, 1, 1}, 3);
        assertEquals(0.0, m.perClassF1Percent()[2], 0.0);
        assertEquals(0, m.support()[2]);
        assertEquals(100.0 * 2 / 3, m.worstClassF1Percent(), TOL);
        assertEquals(75.0, m.accuracyPercent(), 0.0);
        // weighted: (2/3 * 2 + 4/5 * 2) / 4
        assertEquals(100.0 * (2.0 / 3 + 0.8) / 2, m.weightedF1Percent(), TOL);
    }

    @Test
    void macroF1AndBalancedAccuracyLeaveOutWhatSaysNothing() {
        // class 2 is predicted once but never occurs (F1 0, counted in the macro); class 3 neither occurs nor is
        // predicted (left out, as sklearn's default labels do); balanced accuracy averages recall over 0 and 1
        ClassificationMetrics m = ClassificationMetrics.of(new int[]{0, 0, 1, 1}, new int[]{0, 2, 1, 1}, 4);
        assertArrayEquals(new double[]{100, 100, 0, 0}, m.perClassPrecisionPercent(), TOL);
        assertArrayEquals(new double[]{50, 100, 0, 0}, m.perClassRecallPercent(), TOL);
        // F1: 2/3 for class 0, 1 for class 1, 0 for class 2
        assertEquals((100.0 * 2 / 3 + 100 + 0) / 3, m.macroF1Percent(), TOL);
        assertEquals(75.0, m.balancedAccuracyPercent(), TOL);
        double[][] n = m.confusionNormalized();
        assertArrayEquals(new double[]{0.5, 0, 0.5, 0}, n[0], TOL);
        assertArrayEquals(new double[]{0, 1, 0, 0}, n[1], TOL);
        assertArrayEquals(new double[4], n[2], 0.0, "no support: a row of zeros, not NaN");
        assertArrayEquals(new double[4], n[3], 0.0);
    }

    @Test
    void rejectsBadInputNamingTheIndex() {
        String m = assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.of(new int[]{0, 4}, new int[]{0, 1}, 3)).getMessage();
        assertTrue(m.contains("yTrue[1] = 4"), m);
        m = assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.of(new int[]{0, 1}, new int[]{-1, 1}, 3)).getMessage();
        assertTrue(m.contains("yPred[0] = -1"), m);
        m = assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.of(new int[]{0, 1}, new int[]{0}, 3)).getMessage();
        assertTrue(m.contains("length"), m);
        assertThrows(IllegalArgumentException.class, () -> ClassificationMetrics.of(new int[0], new int[0], 3));
        assertThrows(IllegalArgumentException.class, () -> ClassificationMetrics.of(new int[]{0}, new int[]{0}, 0));
    }

    @Test
    void valueSemanticsAndDefensiveCopies() {
        ClassificationMetrics a = metrics(GOLDEN.get(0));
        ClassificationMetrics b = metrics(GOLDEN.get(0));
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, metrics(GOLDEN.get(2)));
        a.confusion()[0][0] = 999;
        a.support()[0] = 999;
        a.perClassF1Percent()[0] = 999;
        assertEquals(b, a);
        assertEquals(4, a.numClasses());
        assertTrue(a.toString().startsWith("ClassificationMetrics(accuracy="), a.toString());
    }
}
