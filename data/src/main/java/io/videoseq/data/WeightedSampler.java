package io.videoseq.data;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * The training order of one epoch: N draws with replacement, video {@code i} with probability
 * {@code w[i] / sum(w)} (PyTorch's {@code WeightedRandomSampler}). {@link #epochOrder} is a pure function of
 * (seed, epoch), so a run resumed at epoch e replays exactly the order an uninterrupted run used.
 */
public final class WeightedSampler {
    private final double[] cumulative;

    public WeightedSampler(double[] perVideoWeight) {
        if (perVideoWeight.length == 0) {
            throw new IllegalArgumentException("perVideoWeight: expected at least one video, found 0");
        }
        cumulative = new double[perVideoWeight.length];
        double sum = 0;
        for (int i = 0; i < perVideoWeight.length; i++) {
            double w = perVideoWeight[i];
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("perVideoWeight[" + i + "]: expected finite >= 0, found " + w);
            }
            sum += w;
            cumulative[i] = sum;
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("perVideoWeight: expected a positive sum, found " + sum);
        }
    }

    /** Weights from labels and class weights ({@link ClassWeights#compute}). */
    public static WeightedSampler forLabels(int[] labels, double[] classWeights) {
        return new WeightedSampler(ClassWeights.perVideo(labels, classWeights));
    }

    public int size() {
        return cumulative.length;
    }

    /** N video indices for {@code epoch}; the same (seed, epoch) always gives the same array. */
    public int[] epochOrder(long seed, int epoch) {
        RandomGenerator rng = new Well19937c(Seeds.mix(seed, epoch, Seeds.SAMPLER));
        double total = cumulative[cumulative.length - 1];
        int[] order = new int[cumulative.length];
        for (int k = 0; k < order.length; k++) {
            order[k] = pick(rng.nextDouble() * total);
        }
        return order;
    }

    /** Smallest i with u < cumulative[i]: zero-weight videos (flat cumulative steps) are never picked. */
    private int pick(double u) {
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (u < cumulative[mid]) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
