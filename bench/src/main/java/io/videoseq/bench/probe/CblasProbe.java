package io.videoseq.bench.probe;

// Raw OpenBLAS (cblas_sgemm through the JavaCPP binding) against Nd4j.gemm for one shape M K N, one thread.
// Usage: OMP_NUM_THREADS=1 java [-Dorg.bytedeco.openblas.load=openblas -Dorg.bytedeco.javacpp.pathsFirst=true] \
//   -cp bench/target/classes:$(cat bench/target/classpath.txt) io.videoseq.bench.probe.CblasProbe 48 768 3072
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

public class CblasProbe {
    public static void main(String[] args) {
        int m = Integer.parseInt(args[0]), k = Integer.parseInt(args[1]), n = Integer.parseInt(args[2]);
        INDArray a = Nd4j.rand(DataType.FLOAT, m, k), b = Nd4j.rand(DataType.FLOAT, k, n), c = Nd4j.create(DataType.FLOAT, m, n);
        FloatPointer pa = (FloatPointer) a.data().addressPointer(), pb = (FloatPointer) b.data().addressPointer(), pc = (FloatPointer) c.data().addressPointer();
        double flop = 2.0 * m * k * n;
        for (int rep = 0; rep < 3; rep++) {
            long t = System.nanoTime();
            for (int i = 0; i < 50; i++) openblas.cblas_sgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasNoTrans, m, n, k, 1f, pa, k, pb, n, 1f, pc, n);
            double s = (System.nanoTime() - t) / 1e9 / 50;
            long t2 = System.nanoTime();
            for (int i = 0; i < 50; i++) Nd4j.gemm(a, b, c, false, false, 1.0, 1.0);
            double s2 = (System.nanoTime() - t2) / 1e9 / 50;
            System.out.printf("cblas_sgemm %.1f GFLOP/s   Nd4j.gemm %.1f GFLOP/s%n", flop / s / 1e9, flop / s2 / 1e9);
        }
    }
}
