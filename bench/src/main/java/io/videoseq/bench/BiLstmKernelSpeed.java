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
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Arrays;
import java.util.Random;

import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

/**
 * Times {@link BiLstm}'s two kernels side by side in one JVM ({@link BiLstm#FUSED_INFERENCE_PROPERTY}): the
 * per-step Java loop and libnd4j's fused {@code lstmLayer}, for shapes nIn = H = 256 and 768, on graph input →
 * BiLstm → average pooling → softmax, float32, batch 48, lengths uniform in 24–40 (right-padded to 40).
 * Inference is {@code output}; training ({@code computeGradientAndScore}) always runs the loop, so beside it
 * the bench times what a fused training step would cost with M2.1's ops on the same batch: per direction the
 * oneDNN {@code lstmLayer} forward plus the generic {@code lstmLayer_bp} (which recomputes the forward itself).
 * Runs of the variants alternate, so load from other processes hits both alike; the best and the median of the
 * timed runs are reported. Run with {@code OMP_NUM_THREADS=1}. Usage: {@code BiLstmKernelSpeed [repetitions]}
 * (default 7).
 */
public final class BiLstmKernelSpeed {

    private static final int BATCH = 48, STEPS = 40, MIN_LEN = 24, CLASSES = 10, WARMUP = 2;

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
        Runnable loopInfer = kernel("never", () -> g.output(false, in, masks));
        Runnable fusedInfer = kernel("auto", () -> g.output(false, in, masks));
        double diff = output(g, in, masks, "never").sub(output(g, in, masks, "auto")).amaxNumber().doubleValue();
        Runnable train = () -> {
            g.setInputs(x);
            g.setLabels(labels);
            g.setLayerMaskArrays(masks, null);
            g.computeGradientAndScore();
            g.clearLayerMaskArrays();
        };
        Runnable opTrain = fusedTrainingOps(n);
        double[][] ms = alternate(reps, loopInfer, fusedInfer, train, opTrain);
        System.out.printf("nIn = H = %d (max |fused - loop| output %.2g)%n", n, diff);
        System.out.printf("  inference  loop %s   fused %s   speedup %.2fx%n", fmt(ms[0]), fmt(ms[1]),
                ms[0][0] / ms[1][0]);
        System.out.printf("  training   loop %s   lstmLayer + lstmLayer_bp ops %s   ratio %.2fx%n", fmt(ms[2]),
                fmt(ms[3]), ms[2][0] / ms[3][0]);
    }

    private static Runnable kernel(String mode, Runnable task) {
        return () -> {
            System.setProperty(BiLstm.FUSED_INFERENCE_PROPERTY, mode);
            try {
                task.run();
            } finally {
                System.clearProperty(BiLstm.FUSED_INFERENCE_PROPERTY);
            }
        };
    }

    private static INDArray output(ComputationGraph g, INDArray[] in, INDArray[] masks, String mode) {
        System.setProperty(BiLstm.FUSED_INFERENCE_PROPERTY, mode);
        try {
            return g.output(false, in, masks)[0].dup();
        } finally {
            System.clearProperty(BiLstm.FUSED_INFERENCE_PROPERTY);
        }
    }

    /**
     * Both directions of a fused training step as M2.1 offers it, on the whole padded batch as the fused
     * inference runs it: forward (oneDNN) for the output, then backprop (generic C++).
     */
    private static Runnable fusedTrainingOps(int n) {
        DataType f = DataType.FLOAT;
        INDArray x = Nd4j.rand(f, STEPS, BATCH, n).subi(0.5);
        INDArray w = Nd4j.rand(f, n, 4 * n).subi(0.5).muli(2 / Math.sqrt(n));
        INDArray rw = Nd4j.rand(f, n, 4 * n).subi(0.5).muli(2 / Math.sqrt(n));
        INDArray b = Nd4j.rand(f, 4 * n).subi(0.5).muli(2 / Math.sqrt(n));
        INDArray h = Nd4j.create(f, STEPS, BATCH, n), lastH = Nd4j.create(f, BATCH, n), lastC = lastH.ulike();
        INDArray dh = Nd4j.rand(f, STEPS, BATCH, n), dx = x.ulike(), dw = w.ulike(), drw = rw.ulike(), db = b.ulike();
        return () -> {
            for (int dir = 0; dir < 2; dir++) {
                Nd4j.exec(DynamicCustomOp.builder("lstmLayer").addInputs(x, w, rw, b).addOutputs(h, lastH, lastC)
                        .addIntegerArguments(0, 0, 2, 0, 0)
                        .addBooleanArguments(true, false, false, false, false, true, true, true)
                        .addFloatingPointArguments(0.0).build());
                Nd4j.exec(DynamicCustomOp.builder("lstmLayer_bp").addInputs(x, w, rw, b, dh)
                        .addOutputs(dx, dw, drw, db).addIntegerArguments(0, 0, 2, 0, 0)
                        .addBooleanArguments(true, false, false, false, false, true, false, false)
                        .addFloatingPointArguments(0.0).build());
            }
        };
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
