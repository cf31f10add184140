package io.videoseq.bench;

import io.videoseq.model.layers.BiLstm;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Arrays;
import java.util.Random;

import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

/**
 * Times {@link BiLstm}'s kernels side by side in one JVM: the per-step Java loop, libnd4j's fused
 * {@code lstmLayer} (inference only) and oneDNN's own LSTM primitives (inference and training, the
 * {@code videoseq.bilstm.onednn} switch), for shapes nIn = H = 256 and 768, on graph input → BiLstm → average
 * pooling → softmax, float32, batch 48, lengths uniform in 24–40 (right-padded to 40). Inference is
 * {@code output}, training {@code computeGradientAndScore}. Runs of the variants alternate, so load from other
 * processes hits all alike; the best and the median of the timed runs are reported. Run with
 * {@code OMP_NUM_THREADS=1} or 2. Usage: {@code BiLstmKernelSpeed [repetitions]} (default 7).
 */
public final class BiLstmKernelSpeed {

    private static final int BATCH = 48, STEPS = 40, MIN_LEN = 24, CLASSES = 10, WARMUP = 2;
    private static final String ONEDNN = "videoseq.bilstm.onednn";

    private BiLstmKernelSpeed() {
    }

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        System.out.printf("OMP_NUM_THREADS=%s, batch %d, %d steps, lengths %d..%d, best / median of %d runs (ms)%n",
                System.getenv("OMP_NUM_THREADS"), BATCH, STEPS, MIN_LEN, STEPS, reps);
        for (int n : new int[] {256, 768}) {
            shape(n, reps);
        }
    }

    private static void shape(int n, int reps) {
        Random r = new Random(1);
        INDArray mask = Nd4j.zeros(DataType.FLOAT, BATCH, STEPS);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, BATCH, CLASSES);
        for (int i = 0; i < BATCH; i++) {
            int len = MIN_LEN + r.nextInt(STEPS - MIN_LEN + 1);
            mask.get(point(i), interval(0, len)).assign(1.0);
            labels.putScalar(i, r.nextInt(CLASSES), 1.0);
        }
        Nd4j.getRandom().setSeed(2);
        INDArray x = Nd4j.rand(DataType.FLOAT, BATCH, n, STEPS).subi(0.5);
        ComputationGraph g = graph(n);
        INDArray[] in = {x}, masks = {mask};
        Runnable infer = () -> g.output(false, in, masks);
        Runnable train = () -> {
            g.setInputs(x);
            g.setLabels(labels);
            g.setLayerMaskArrays(masks, null);
            g.computeGradientAndScore();
            g.clearLayerMaskArrays();
        };
        double fusedDiff = output(g, in, masks, "never", "never").sub(output(g, in, masks, "never", "auto"))
                .amaxNumber().doubleValue();
        double dnnDiff = output(g, in, masks, "never", "never").sub(output(g, in, masks, "auto", "never"))
                .amaxNumber().doubleValue();
        double[][] ms = alternate(reps, kernel("never", "never", infer), kernel("never", "auto", infer),
                kernel("auto", "never", infer), kernel("never", "never", train), kernel("auto", "never", train));
        System.out.printf("nIn = H = %d (max |output - loop's|: fused %.2g, oneDNN %.2g)%n", n, fusedDiff, dnnDiff);
        System.out.printf("  inference  loop %s   fused lstmLayer %s   oneDNN %s   oneDNN vs loop %.2fx%n",
                fmt(ms[0]), fmt(ms[1]), fmt(ms[2]), ms[0][0] / ms[2][0]);
        System.out.printf("  training   loop %s   oneDNN %s   speedup %.2fx%n", fmt(ms[3]), fmt(ms[4]),
                ms[3][0] / ms[4][0]);
    }

    private static Runnable kernel(String onednn, String fused, Runnable task) {
        return () -> {
            System.setProperty(ONEDNN, onednn);
            System.setProperty(BiLstm.FUSED_INFERENCE_PROPERTY, fused);
            try {
                task.run();
            } finally {
                System.clearProperty(ONEDNN);
                System.clearProperty(BiLstm.FUSED_INFERENCE_PROPERTY);
            }
        };
    }

    private static INDArray output(ComputationGraph g, INDArray[] in, INDArray[] masks, String onednn,
            String fused) {
        INDArray[] out = new INDArray[1];
        kernel(onednn, fused, () -> out[0] = g.output(false, in, masks)[0].dup()).run();
        return out[0];
    }

    /** Best and median ms of each task over {@code reps} rounds that run every task once, in order. */
    private static double[][] alternate(int reps, Runnable... tasks) {
        for (Runnable t : tasks) {
            for (int i = 0; i < WARMUP; i++) {
                t.run();
            }
        }
        double[][] times = new double[tasks.length][reps];
        for (int rep = 0; rep < reps; rep++) {
            for (int k = 0; k < tasks.length; k++) {
                long t0 = System.nanoTime();
                tasks[k].run();
                times[k][rep] = (System.nanoTime() - t0) / 1e6;
            }
        }
        double[][] out = new double[tasks.length][];
        for (int k = 0; k < tasks.length; k++) {
            double[] s = times[k].clone();
            Arrays.sort(s);
            out[k] = new double[] {s[0], s[reps / 2]};
        }
        return out;
    }

    private static String fmt(double[] bestMedian) {
        return String.format("%7.1f / %7.1f", bestMedian[0], bestMedian[1]);
    }

    private static ComputationGraph graph(int n) {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.FLOAT).updater(new NoOp()).graphBuilder().addInputs("in")
                .addLayer("l0", new BiLstm.Builder().nIn(n).nOut(n).build(), "in")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "l0")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).nOut(CLASSES).build(), "pool")
                .setOutputs("out").setInputTypes(InputType.recurrent(n)).build());
        g.init();
        return g;
    }
}
