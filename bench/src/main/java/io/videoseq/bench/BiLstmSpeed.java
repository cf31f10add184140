package io.videoseq.bench;

import io.videoseq.model.layers.BiLstm;
import io.videoseq.model.layers.MaskedRecurrent;
import io.videoseq.model.layers.PackedBidirectional;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Random;

/**
 * Times {@link BiLstm} against {@code MaskedRecurrent(PackedBidirectional(LSTM))}: graph input → layer → average
 * pooling → softmax output, float32, batch 48, lengths uniform in 24–40 (right-padded to 40), nIn 512, H 256.
 * Reports the median of the timed repetitions for inference and for forward+backward
 * ({@code computeGradientAndScore}). Run with {@code OMP_NUM_THREADS=1} for the single-thread figure.
 * Usage: {@code BiLstmSpeed [repetitions]} (default 10).
 */
public final class BiLstmSpeed {

    private static final int BATCH = 48, STEPS = 40, MIN_LEN = 24, N_IN = 512, HIDDEN = 256, CLASSES = 10;

    private BiLstmSpeed() {
    }

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Random r = new Random(1);
        INDArray mask = Nd4j.zeros(DataType.FLOAT, BATCH, STEPS);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, BATCH, CLASSES);
        for (int i = 0; i < BATCH; i++) {
            int len = MIN_LEN + r.nextInt(STEPS - MIN_LEN + 1);
            for (int t = 0; t < len; t++) {
                mask.putScalar(i, t, 1.0);
            }
            labels.putScalar(i, r.nextInt(CLASSES), 1.0);
        }
        Nd4j.getRandom().setSeed(2);
        INDArray x = Nd4j.rand(DataType.FLOAT, BATCH, N_IN, STEPS).subi(0.5);
        ComputationGraph stock = graph(new MaskedRecurrent(new PackedBidirectional(new LSTM.Builder().nIn(N_IN)
                .nOut(HIDDEN).activation(Activation.TANH).gateActivationFunction(Activation.SIGMOID)
                .forgetGateBiasInit(0.0).build())));
        ComputationGraph fast = graph(new BiLstm.Builder().nIn(N_IN).nOut(HIDDEN).build());
        fast.setParams(stock.params().dup());
        double maxDiff = stock.output(false, new INDArray[] {x}, new INDArray[] {mask})[0]
                .sub(fast.output(false, new INDArray[] {x}, new INDArray[] {mask})[0]).amaxNumber().doubleValue();
        System.out.printf("threads: OMP_NUM_THREADS=%s; max |output difference| = %.3g%n",
                System.getenv("OMP_NUM_THREADS"), maxDiff);
        double[][] ms = new double[2][2];
        ComputationGraph[] graphs = {stock, fast};
        for (int k = 0; k < 2; k++) {
            ComputationGraph g = graphs[k];
            ms[k][0] = median(reps, () -> g.output(false, new INDArray[] {x}, new INDArray[] {mask}));
            ms[k][1] = median(reps, () -> {
                g.setInputs(x);
                g.setLabels(labels);
                g.setLayerMaskArrays(new INDArray[] {mask}, null);
                g.computeGradientAndScore();
                g.clearLayerMaskArrays();
            });
        }
        System.out.printf("inference        stock %8.1f ms   BiLstm %8.1f ms   speedup %.2fx%n", ms[0][0], ms[1][0],
                ms[0][0] / ms[1][0]);
        System.out.printf("forward+backward stock %8.1f ms   BiLstm %8.1f ms   speedup %.2fx%n", ms[0][1], ms[1][1],
                ms[0][1] / ms[1][1]);
    }

    private static ComputationGraph graph(Layer layer) {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.FLOAT).updater(new NoOp()).graphBuilder().addInputs("in")
                .addLayer("l0", layer, "in")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "l0")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).nOut(CLASSES).build(), "pool")
                .setOutputs("out").setInputTypes(InputType.recurrent(N_IN)).build());
        g.init();
        return g;
    }

    /** Median milliseconds of {@code reps} timed runs after 2 warm-up runs. */
    private static double median(int reps, Runnable task) {
        return StepTiming.measure(task, 2, reps).secondsPerBatch() * 1e3;
    }
}
