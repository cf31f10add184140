package io.videoseq.inference;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ProbabilityAverageTest {
    private static INDArray probs(double[][] p) {
        return Nd4j.createFromArray(p);
    }

    @Test
    void averagesAndTakesTheArgMaxOfTheMean() {
        INDArray a = probs(new double[][]{{0.6, 0.3, 0.1}, {0.2, 0.5, 0.3}});
        INDArray b = probs(new double[][]{{0.1, 0.8, 0.1}, {0.2, 0.2, 0.6}});
        INDArray c = probs(new double[][]{{0.5, 0.4, 0.1}, {0.1, 0.3, 0.6}});
        ProbabilityAverage avg = ProbabilityAverage.of(List.of(a, b, c));
        double[][] mean = avg.probabilities().toDoubleMatrix();
        assertArrayEquals(new double[]{1.2 / 3, 1.5 / 3, 0.1}, mean[0], 1e-15);
        assertArrayEquals(new double[]{0.5 / 3, 1.0 / 3, 1.5 / 3}, mean[1], 1e-15);
        // member 0 alone would say class 0 for row 0; the average says class 1
        assertArrayEquals(new int[]{1, 2}, avg.predictions());
        assertEquals(3, avg.members());
    }

    @Test
    void singleMemberIsItsOwnAverageAndInputsAreCopied() {
        INDArray a = probs(new double[][]{{0.2, 0.8}, {0.9, 0.1}});
        ProbabilityAverage avg = ProbabilityAverage.of(List.of(a));
        a.assign(0.5);
        assertArrayEquals(new int[]{1, 0}, avg.predictions());
        avg.probabilities().assign(0);
        assertArrayEquals(new int[]{1, 0}, avg.predictions(), "probabilities() returns a copy");
    }

    @Test
    void tiesGoToTheLowestClass() {
        ProbabilityAverage avg = ProbabilityAverage.of(List.of(probs(new double[][]{{0.4, 0.4, 0.2}})));
        assertArrayEquals(new int[]{0}, avg.predictions());
    }

    @Test
    void rejectsMismatchedShapesNamingTheMember() {
        INDArray a = Nd4j.zeros(DataType.DOUBLE, 2, 3);
        INDArray b = Nd4j.zeros(DataType.DOUBLE, 3, 3);
        String m = assertThrows(IllegalArgumentException.class, () -> ProbabilityAverage.of(List.of(a, a, b)))
                .getMessage();
        assertTrue(m.contains("probabilities[2] shape [3, 3]") && m.contains("[2, 3]"), m);
        assertThrows(IllegalArgumentException.class, () -> ProbabilityAverage.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> ProbabilityAverage.of(List.of(Nd4j.zeros(DataType.DOUBLE, 3))));
    }
}
