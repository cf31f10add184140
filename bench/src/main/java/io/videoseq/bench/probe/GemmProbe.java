package io.videoseq.bench.probe;

// ND4J sgemm rate for one shape M K N with c/f-ordered operands, a c/f result, views, and the transposed-result
// form. Diagnostic for bench/RESULTS.md ("small-M GEMM rate").
// Usage: OMP_NUM_THREADS=1 java -cp bench/target/classes:$(cat bench/target/classpath.txt) io.videoseq.bench.probe.GemmProbe 48 768 3072
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import static org.nd4j.linalg.indexing.NDArrayIndex.*;

public class GemmProbe {
    static double time(Runnable r, int reps) {
        for (int i = 0; i < 5; i++) r.run();
        long t = System.nanoTime();
        for (int i = 0; i < reps; i++) r.run();
        return (System.nanoTime() - t) / 1e9 / reps;
    }
    public static void main(String[] args) {
        int m = Integer.parseInt(args[0]), k = Integer.parseInt(args[1]), n = Integer.parseInt(args[2]);
        double flop = 2.0 * m * k * n;
        for (char ao : new char[]{'c', 'f'}) for (char bo : new char[]{'c', 'f'}) {
            INDArray a = Nd4j.rand(DataType.FLOAT, new long[]{m, k}).dup(ao);
            INDArray b = Nd4j.rand(DataType.FLOAT, new long[]{k, n}).dup(bo);
            INDArray c = Nd4j.create(DataType.FLOAT, new long[]{m, n}, 'c');
            double s = time(() -> Nd4j.gemm(a, b, c, false, false, 1.0, 1.0), 50);
            INDArray cf = Nd4j.create(DataType.FLOAT, new long[]{m, n}, 'f');
            double s2 = time(() -> Nd4j.gemm(a, b, cf, false, false, 1.0, 1.0), 50);
            // view of a larger c-order buffer, as in BiLstmRecurrence
            INDArray big = Nd4j.create(DataType.FLOAT, new long[]{m * 10, n}, 'c');
            INDArray cv = big.get(interval(m * 3, m * 4), all());
            double s3 = time(() -> Nd4j.gemm(a, b, cv, false, false, 1.0, 1.0), 50);
            INDArray abig = Nd4j.rand(DataType.FLOAT, new long[]{m * 10, k});
            INDArray av = abig.get(interval(m * 3, m * 4), all());
            double s4 = ao == 'c' ? time(() -> Nd4j.gemm(av, b, cv, false, false, 1.0, 1.0), 50) : Double.NaN;
            double s5 = time(() -> c.assign(a.mmul(b)), 50);
            INDArray ct = c.transpose();
            double s6 = time(() -> Nd4j.gemm(b, a, ct, true, true, 1.0, 1.0), 50);
            System.out.printf("  transposed-output trick (C c via C^T f) %.1f GFLOP/s%n", flop / s6 / 1e9);
            System.out.printf("A %c B %c: C c %.1f  C f %.1f  C view %.1f  A,C views %.1f  mmul %.1f GFLOP/s%n", ao, bo,
                flop / s / 1e9, flop / s2 / 1e9, flop / s3 / 1e9, flop / s4 / 1e9, flop / s5 / 1e9);
        }
    }
}
