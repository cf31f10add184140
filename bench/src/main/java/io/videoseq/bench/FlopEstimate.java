package io.videoseq.bench;

import io.videoseq.model.ModelConfig;

/**
 * Multiply-add count of the model, to express throughput as a fraction of the machine's GEMM ceiling.
 *
 * <p>Counts only the matrix products (2 FLOPs per multiply-add) per real time step: input projection
 * {@code F·H}, per LSTM layer and direction {@code (in + H)·4H}, attention projections {@code 4·E²} plus scores and
 * weighted sum {@code 2·T·E}, pooling scorer {@code E·E/2}; the head runs once per sequence and is negligible.
 * A training step is counted as 3× the forward pass (backward = two GEMMs per forward GEMM). For {@code full},
 * mean length 32 and 65 GFLOP/s this gives the ceilings the speed goal was estimated with: 16 inference /
 * 5.3 training sequences/s.
 */
public final class FlopEstimate {
    private FlopEstimate() {
    }

    /** Forward FLOPs for one sequence of {@code meanLength} real steps. */
    public static double forwardFlopsPerSequence(ModelConfig c, double meanLength) {
        double f = c.featureDim();
        double h = c.hiddenDim();
        double e = c.lstmOutputDim();
        double dirs = c.bidirectional() ? 2 : 1;
        double perStep = f * h;
        for (int k = 0; k < c.numLstmLayers(); k++) {
            double in = k == 0 ? h : e;
            perStep += dirs * (in + h) * 4 * h;
        }
        perStep += 4 * e * e + 2 * meanLength * e;
        perStep += e * (e / 2);
        return 2 * perStep * meanLength;
    }

    /** Sequences per second a machine of {@code gflops} GFLOP/s could reach in inference, if only GEMMs counted. */
    public static double inferenceCeiling(ModelConfig c, double meanLength, double gflops) {
        return gflops * 1e9 / forwardFlopsPerSequence(c, meanLength);
    }

    /** As {@link #inferenceCeiling}, for a training step (3× forward). */
    public static double trainingCeiling(ModelConfig c, double meanLength, double gflops) {
        return inferenceCeiling(c, meanLength, gflops) / 3.0;
    }
}
