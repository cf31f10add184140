package io.videoseq.data;

/**
 * Inverse class frequency {@code N / (C * n_c)} clipped to {@code [0.5, 10]}; 1.0 for a class that never occurs (as
 * the original did), so a split missing a class never yields an infinite or NaN weight. Training refuses such a
 * split anyway unless told otherwise ({@link ClassCoverage}).
 */
public final class ClassWeights {
    public static final double MIN = 0.5;
    public static final double MAX = 10.0;

    private ClassWeights() {
    }

    public static double[] compute(int[] labels, int numClasses) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses: expected >= 1, found " + numClasses);
        }
        long[] counts = new long[numClasses];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("labels[" + i + "]: expected in [0, " + numClasses + "), found "
                        + labels[i]);
            }
            counts[labels[i]]++;
        }
        double[] w = new double[numClasses];
        for (int c = 0; c < numClasses; c++) {
            w[c] = counts[c] == 0 ? 1.0
                    : Math.min(Math.max((double) labels.length / ((long) numClasses * counts[c]), MIN), MAX);
        }
        return w;
    }

    /** Per-video weights for {@link WeightedSampler}: the class weight of each video's label. */
    public static double[] perVideo(int[] labels, double[] classWeights) {
        double[] out = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = classWeights[labels[i]];
        }
        return out;
    }
}
