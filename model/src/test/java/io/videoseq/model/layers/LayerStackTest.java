package io.videoseq.model.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static io.videoseq.model.layers.LayerTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

/** The three layers chained as in the reference model: projection → attention block → pooling → softmax. */
class LayerStackTest {

    @BeforeEach
    void setUp() {
        useDouble();
    }

    private static Layer[] stack(double drop) {
        return new Layer[] {
                new LinearNorm.Builder().nOut(4).layerNorm(true).activation(Activation.TANH)
                        .dropOut(drop > 0 ? 1 - drop : 0).build(),
                new SelfAttentionBlock.Builder().numHeads(2).attentionDropProb(drop).outputDropProb(drop).build(),
                new AttentionPooling.Builder().hiddenSize(2).dropProb(drop).build()};
    }

    @Test
    void gradientCheckOfTheStackWithMasksAndDropout() {
        ComputationGraph g = graph(3, 2, true, WorkspaceMode.ENABLED, 12, stack(0.25));
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 4).subi(0.5).muli(3);
        assertTrue(gradientCheck(g, x, labels(5, 2, 2, 0), mask(4, 4, 2), false,
                net -> Nd4j.getRandom().setSeed(777),
                // checked by the single-layer tests; here the point is the input gradients (epsilons) of
                // the attention block and the pooling, which only an upstream layer's params reveal
                java.util.Set.of("l1_Wqkv", "out_W", "out_b")));
    }

    @Test
    void workspaceModesGiveIdenticalOutputsAndGradients() {
        ComputationGraph ws = graph(3, 2, true, WorkspaceMode.ENABLED, 12, stack(0.3));
        ComputationGraph none = graph(3, 2, true, WorkspaceMode.NONE, 12, stack(0.3));
        assertEquals(ws.params(), none.params());
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 3, 5);
        INDArray y = labels(3, 3, 2, 0);
        INDArray m = mask(5, 5, 3, 2);
        INDArray[] grads = new INDArray[2];
        int k = 0;
        for (ComputationGraph g : new ComputationGraph[] {ws, none}) {
            g.setInputs(x);
            g.setLabels(y);
            g.setLayerMaskArrays(new INDArray[] {m}, null);
            Nd4j.getRandom().setSeed(5);
            g.computeGradientAndScore();
            grads[k++] = g.gradient().gradient().dup();
            g.clearLayerMaskArrays();
        }
        assertClose(grads[0], grads[1], 0.0, "gradients ENABLED vs NONE");
        assertClose(output(ws, x, m), output(none, x, m), 0.0, "outputs ENABLED vs NONE");
    }

    @Test
    void floatNetworkMatchesDouble() {
        ComputationGraph d = graph(3, 2, true, WorkspaceMode.ENABLED, 12, stack(0));
        ComputationGraph f = new ComputationGraph(d.getConfiguration().clone());
        f.getConfiguration().setDataType(DataType.FLOAT);
        f.init(d.params().castTo(DataType.FLOAT), true);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 3, 5);
        INDArray m = mask(5, 5, 3, 2);
        INDArray of = f.output(false, new INDArray[] {x.castTo(DataType.FLOAT)},
                new INDArray[] {m.castTo(DataType.FLOAT)})[0];
        assertEquals(DataType.FLOAT, of.dataType());
        assertClose(output(d, x, m), of, 1e-5, "float vs double");
        f.setInputs(x.castTo(DataType.FLOAT));
        f.setLabels(labels(3, 3, 2, 0).castTo(DataType.FLOAT));
        f.setLayerMaskArrays(new INDArray[] {m.castTo(DataType.FLOAT)}, null);
        f.computeGradientAndScore();
        assertEquals(DataType.FLOAT, f.gradient().gradient().dataType());
        assertFalse(f.gradient().gradient().isNaN().any(), "finite float gradients");
    }

    @Test
    void trainingWithDropoutReducesLoss() {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.DOUBLE).updater(new Adam(0.05)).graphBuilder().addInputs("in")
                .addLayer("l0", stack(0.1)[0], "in").addLayer("l1", stack(0.1)[1], "l0")
                .addLayer("l2", stack(0.1)[2], "l1")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).nOut(2).build(), "l2")
                .setOutputs("out").setInputTypes(InputType.recurrent(3)).build());
        g.init();
        INDArray x = Nd4j.rand(DataType.DOUBLE, 6, 3, 5).subi(0.5);
        INDArray y = labels(8, 6, 2, 0);
        INDArray m = mask(5, 5, 4, 3, 2, 1, 5);
        MultiDataSet ds = new MultiDataSet(new INDArray[] {x}, new INDArray[] {y}, new INDArray[] {m}, null);
        double before = g.score(ds, false);
        for (int i = 0; i < 25; i++) {
            g.fit(ds);
        }
        double after = g.score(ds, false);
        assertFalse(g.params().isNaN().any());
        assertTrue(after < 0.7 * before, "loss " + before + " → " + after);
    }
}
