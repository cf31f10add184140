package io.videoseq.model.layers;

/**
 * One parameter of a videoseq custom layer: its key, its shape {@code [rows, cols]} (DL4J orientation: weights
 * are {@code [nIn, nOut]}, i.e. the PyTorch weight transposed; biases and LayerNorm gain/shift are
 * {@code [1, n]}), whether it counts as a weight or a bias for regularization, and how it is initialised.
 *
 * @param key  parameter key in the layer's param table
 * @param rows number of rows (fan-in for weights)
 * @param cols number of columns (fan-out for weights)
 * @param kind WEIGHT: regularized by {@code regularization} (weightDecay/l2); BIAS: by {@code regularizationBias}
 *             (weightDecayBias/l2Bias)
 * @param init XAVIER: the layer's weight init with fanIn = rows, fanOut = cols (Xavier-uniform by default);
 *             ZERO / ONE: constant
 */
public record ParamSpec(String key, long rows, long cols, Kind kind, Init init) {

    /** Regularization category. */
    public enum Kind { WEIGHT, BIAS }

    /** Initial values. */
    public enum Init { XAVIER, ZERO, ONE }

    public ParamSpec {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("param '" + key + "': shape must be positive, got [" + rows + ", "
                    + cols + "]");
        }
    }

    static ParamSpec weight(String key, long rows, long cols) {
        return new ParamSpec(key, rows, cols, Kind.WEIGHT, Init.XAVIER);
    }

    static ParamSpec bias(String key, long n) {
        return new ParamSpec(key, 1, n, Kind.BIAS, Init.ZERO);
    }

    static ParamSpec gain(String key, long n) {
        return new ParamSpec(key, 1, n, Kind.BIAS, Init.ONE);
    }

    long length() {
        return rows * cols;
    }
}
