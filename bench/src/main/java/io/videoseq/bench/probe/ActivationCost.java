package io.videoseq.bench.probe;

// libnd4j tanh / sigmoid / scalar multiply on 1 M floats, one thread (compare: torch.tanh_ / torch.sigmoid_).
// Usage: OMP_NUM_THREADS=1 java -cp bench/target/classes:$(cat bench/target/classpath.txt) io.videoseq.bench.probe.ActivationCost
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.*;
import org.nd4j.linalg.factory.Nd4j;
public class ActivationCost {
    public static void main(String[] a) {
        INDArray x = Nd4j.rand(DataType.FLOAT, 1000, 1000);
        for (int rep = 0; rep < 3; rep++) {
            long t = System.nanoTime(); for (int i = 0; i < 20; i++) Nd4j.exec(new Tanh(x, x)); double tt = (System.nanoTime() - t) / 20.0 / 1e6;
            t = System.nanoTime(); for (int i = 0; i < 20; i++) Nd4j.exec(new Sigmoid(x, x)); double ts = (System.nanoTime() - t) / 20.0 / 1e6;
            t = System.nanoTime(); for (int i = 0; i < 20; i++) x.muli(1.0001); double tm = (System.nanoTime() - t) / 20.0 / 1e6;
            System.out.printf("1M elements: tanh %.2f ms, sigmoid %.2f ms, scalar mul %.2f ms%n", tt, ts, tm);
        }
    }
}
