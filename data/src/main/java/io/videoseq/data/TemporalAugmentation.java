package io.videoseq.data;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * Training-time augmentation of one sequence, applied only when it has more than {@code minLength} frames,
 * in this order: with {@code subsetProbability} keep a random sorted subset of {@code max(int(T*r), minKeep)}
 * frames, {@code r ~ U(minKeepRatio, 1)}; with {@code rollProbability} roll circularly along time by
 * {@code s ~ U{-maxShift..maxShift}} (frame t moves to (t+s) mod T, as {@code torch.roll}); with
 * {@code noiseProbability} add N(0, noiseSigma²) to every value. {@link #defaults()} are the original's
 * (8, 0.5, 0.7, 8, 0.3, 3, 0.2, 0.01).
 */
public record TemporalAugmentation(int minLength, double subsetProbability, double minKeepRatio, int minKeep,
                                   double rollProbability, int maxShift, double noiseProbability,
                                   double noiseSigma) {
    public TemporalAugmentation {
        probability("subsetProbability", subsetProbability);
        probability("rollProbability", rollProbability);
        probability("noiseProbability", noiseProbability);
        if (minLength < 0) {
            throw new IllegalArgumentException("minLength: expected >= 0, found " + minLength);
        }
        if (!(minKeepRatio > 0 && minKeepRatio <= 1)) {
            throw new IllegalArgumentException("minKeepRatio: expected in (0, 1], found " + minKeepRatio);
        }
        if (minKeep < 1 || minKeep > minLength + 1) {
            throw new IllegalArgumentException("minKeep: expected in [1, minLength + 1 = " + (minLength + 1)
                    + "], found " + minKeep);
        }
        if (maxShift < 0) {
            throw new IllegalArgumentException("maxShift: expected >= 0, found " + maxShift);
        }
        if (!(noiseSigma >= 0) || Double.isInfinite(noiseSigma)) {
            throw new IllegalArgumentException("noiseSigma: expected finite >= 0, found " + noiseSigma);
        }
    }

    public static TemporalAugmentation defaults() {
        return new TemporalAugmentation(8, 0.5, 0.7, 8, 0.3, 3, 0.2, 0.01);
    }

    /** Leaves every sequence unchanged. */
    public static TemporalAugmentation disabled() {
        return new TemporalAugmentation(8, 0, 0.7, 8, 0, 3, 0, 0.01);
    }

    /** A new augmented sequence ({@code s} itself when it is too short); never modifies {@code s}. */
    public Sequence apply(Sequence s, RandomGenerator rng) {
        if (s.length() <= minLength) {
            return s;
        }
        Sequence x = s;
        if (rng.nextDouble() < subsetProbability) {
            double r = minKeepRatio + (1.0 - minKeepRatio) * rng.nextDouble();
            int keep = Math.min(x.length(), Math.max((int) (x.length() * r), minKeep));
            x = TtaView.gather(x, sortedSubset(x.length(), keep, rng));
        }
        if (rng.nextDouble() < rollProbability) {
            int shift = rng.nextInt(2 * maxShift + 1) - maxShift;
            int t = x.length();
            int[] frames = new int[t];
            for (int k = 0; k < t; k++) {
                frames[Math.floorMod(k + shift, t)] = k;
            }
            x = TtaView.gather(x, frames);
        }
        if (rng.nextDouble() < noiseProbability) {
            float[] v = x == s ? s.values().clone() : x.values();
            for (int k = 0; k < v.length; k++) {
                v[k] = (float) (v[k] + noiseSigma * rng.nextGaussian());
            }
            x = new Sequence(v, x.length(), x.featureDim(), x.label());
        }
        return x;
    }

    /** {@code keep} distinct frames of {@code 0..t-1} in increasing order (partial Fisher-Yates). */
    private static int[] sortedSubset(int t, int keep, RandomGenerator rng) {
        int[] all = new int[t];
        for (int k = 0; k < t; k++) {
            all[k] = k;
        }
        for (int k = 0; k < keep; k++) {
            int j = k + rng.nextInt(t - k);
            int tmp = all[k];
            all[k] = all[j];
            all[j] = tmp;
        }
        int[] out = java.util.Arrays.copyOf(all, keep);
        java.util.Arrays.sort(out);
        return out;
    }

    private static void probability(String field, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(field + ": expected in [0, 1], found " + p);
        }
    }
}
