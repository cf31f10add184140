package io.videoseq.model.layers;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
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
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Graphs "in" [b, nIn, T] → recurrent layers → average pooling over real steps → softmax output. */
final class BiLstmTestSupport {

    private BiLstmTestSupport() {
    }

    /** The stock path that {@link BiLstm} replaces. */
    static Layer stock(int nIn, int h, double keep) {
        LSTM.Builder b = new LSTM.Builder().nIn(nIn).nOut(h).activation(Activation.TANH)
                .gateActivationFunction(Activation.SIGMOID).forgetGateBiasInit(0.0);
        if (keep < 1.0) {
            b.dropOut(keep);
        }
        return new MaskedRecurrent(new PackedBidirectional(b.build()));
    }

    static Layer fast(int nIn, int h, double keep) {
        BiLstm.Builder b = new BiLstm.Builder().nIn(nIn).nOut(h);
        if (keep < 1.0) {
            b.dropOut(keep);
        }
        return b.build();
    }

    static ComputationGraphConfiguration config(int nIn, int classes, DataType dt, WorkspaceMode mode,
            Layer... layers) {
        ComputationGraphConfiguration.GraphBuilder gb = LayerTestSupport.chain(dt, mode, 7, layers);
        String prev = "l" + (layers.length - 1);
        gb.addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), prev);
        gb.addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                .nOut(classes).build(), "pool");
        return gb.setOutputs("out").setInputTypes(InputType.recurrent(nIn)).build();
    }

    static ComputationGraph graph(int nIn, int classes, Layer... layers) {
        return graph(DataType.DOUBLE, WorkspaceMode.ENABLED, nIn, classes, layers);
    }

    static ComputationGraph graph(DataType dt, WorkspaceMode mode, int nIn, int classes, Layer... layers) {
        ComputationGraph g = new ComputationGraph(config(nIn, classes, dt, mode, layers));
        g.init();
        return g;
    }

    /** Mask [b, T]: 1 for t < lengths[i]. */
    static INDArray mask(int t, int... lengths) {
        return LayerTestSupport.mask(t, lengths);
    }

    /** Random input with random (non-zero) values at padded steps too. */
    static INDArray input(long seed, int b, int nIn, int t) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.DOUBLE, b, nIn, t).subi(0.5).muli(3);
    }

    static INDArray labels(long seed, int b, int c) {
        java.util.Random r = new java.util.Random(seed);
        INDArray l = Nd4j.zeros(DataType.DOUBLE, b, c);
        for (int i = 0; i < b; i++) {
            l.putScalar(i, r.nextInt(c), 1.0);
        }
        return l;
    }

    static INDArray output(ComputationGraph g, INDArray x, INDArray m) {
        return g.output(false, new INDArray[] {x}, m == null ? null : new INDArray[] {m})[0];
    }

    /** Activations of vertex {@code name} with feature mask {@code m}. */
    static INDArray activation(ComputationGraph g, INDArray x, INDArray m, String name, boolean train) {
        g.setLayerMaskArrays(m == null ? null : new INDArray[] {m}, null);
        try {
            return g.feedForward(new INDArray[] {x}, train, false).get(name).dup();
        } finally {
            g.clearLayerMaskArrays();
        }
    }

    static void assertClose(INDArray expected, INDArray actual, double tol, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        double diff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(diff <= tol, what + ": max abs difference " + diff + " > " + tol);
    }
}
