package io.videoseq.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Measures this machine's float32 GEMM rate through ND4J (OpenBLAS) on a large square-ish product, with the
 * current number of threads: the practical ceiling any framework's matrix products can reach here.
 */
public final class GemmCeiling {
    private GemmCeiling() {
    }

    /** @return GFLOP/s of the median of {@code reps} products [m, k]×[k, n] after one warm-up */
    public static double measureGflops(int m, int k, int n, int reps) {
        INDArray a = Nd4j.rand(DataType.FLOAT, m, k);
        INDArray b = Nd4j.rand(DataType.FLOAT, k, n);
        INDArray c = Nd4j.create(DataType.FLOAT, m, n);
        StepTiming t = StepTiming.measure(() -> Nd4j.gemm(a, b, c, false, false, 1.0, 0.0), 1, reps);
        return 2.0 * m * k * n / t.secondsPerBatch() / 1e9;
    }

    /** A product of LSTM size (1536×1536×3072, 14.5 GFLOP): about 0.1-0.3 s per rep on 2 cores. */
    public static double measureGflops() {
        return measureGflops(1536, 1536, 3072, 3);
    }
}
