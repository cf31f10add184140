package io.videoseq.inference;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.List;

/**
 * The mean of several softmax probability arrays, each {@code [examples, numClasses]} (one per ensemble member
 * and/or test-time view, rows in the same example order), and the predictions it gives: the arg-max class per row.
 * Immutable: the inputs are copied.
 */
public final class ProbabilityAverage {
    private final INDArray mean;
    private final int members;

    private ProbabilityAverage(INDArray mean, int members) {
        this.mean = mean;
        this.members = members;
    }

    /**
     * @param probabilities one {@code [examples, numClasses]} array per model/view; at least one, all the same shape
     */
    public static ProbabilityAverage of(List<INDArray> probabilities) {
        if (probabilities == null || probabilities.isEmpty()) {
            throw new IllegalArgumentException("ProbabilityAverage probabilities: expected at least one array, found none");
        }
        INDArray first = probabilities.get(0);
        if (first == null || first.rank() != 2) {
            throw new IllegalArgumentException("ProbabilityAverage probabilities[0] shape "
                    + (first == null ? null : Arrays.toString(first.shape())) + ": expected [examples, numClasses]");
        }
        INDArray sum = first.dup();
        for (int i = 1; i < probabilities.size(); i++) {
            INDArray p = probabilities.get(i);
            if (p == null || !Arrays.equals(p.shape(), first.shape())) {
                throw new IllegalArgumentException("ProbabilityAverage probabilities[" + i + "] shape "
                        + (p == null ? null : Arrays.toString(p.shape())) + ": expected "
                        + Arrays.toString(first.shape()) + " like probabilities[0]");
            }
            sum.addi(p.castTo(sum.dataType()));
        }
        return new ProbabilityAverage(sum.divi(probabilities.size()), probabilities.size());
    }

    /** @return a copy of the mean probabilities, {@code [examples, numClasses]} */
    public INDArray probabilities() {
        return mean.dup();
    }

    /** @return how many arrays were averaged */
    public int members() {
        return members;
    }

    /** @return the arg-max class of each row of the mean (the lowest index on ties) */
    public int[] predictions() {
        double[][] p = mean.toDoubleMatrix();
        int[] out = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            int best = 0;
            for (int c = 1; c < p[i].length; c++) {
                if (p[i][c] > p[i][best]) {
                    best = c;
                }
            }
            out[i] = best;
        }
        return out;
    }

    @Override
    public String toString() {
        return "ProbabilityAverage(members=" + members + ", shape=" + Arrays.toString(mean.shape()) + ")";
    }
}
