package io.videoseq.data;

/**
 * One video's features: {@code values} is row-major {@code [length][featureDim]} (frame {@code t}, feature
 * {@code f} at {@code t * featureDim + f}); only real frames, no padding; {@code label} is the class index or
 * {@link #UNLABELED}. Treat {@code values} as read-only: every transformation in this package returns a new
 * sequence.
 */
public record Sequence(float[] values, int length, int featureDim, int label) {
    /** The label of a video whose true class is not known (a file of new videos, without {@code labels}). */
    public static final int UNLABELED = -1;

    public Sequence {
        if (length < 1) {
            throw new IllegalArgumentException("length: expected >= 1, found " + length);
        }
        if (featureDim < 1) {
            throw new IllegalArgumentException("featureDim: expected >= 1, found " + featureDim);
        }
        if (values == null || values.length != (long) length * featureDim) {
            throw new IllegalArgumentException("values: expected length*featureDim = " + (long) length * featureDim
                    + " floats, found " + (values == null ? "null" : values.length));
        }
    }

    /** Value of feature {@code f} at frame {@code t}. */
    public float value(int t, int f) {
        return values[t * featureDim + f];
    }
}
