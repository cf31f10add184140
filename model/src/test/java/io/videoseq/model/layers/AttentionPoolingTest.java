package io.videoseq.model.layers;

import com.fasterxml.jackson.databind.JsonNode;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.List;

import static io.videoseq.model.layers.LayerTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

class AttentionPoolingTest {

    @BeforeEach
    void setUp() {
        useDouble();
    }

    private static AttentionPooling pooling(int e, int hidden, double drop) {
        return new AttentionPooling.Builder().nIn(e).hiddenSize(hidden).dropProb(drop).build();
    }

    private static void randomizeParams(ComputationGraph g) {
        Nd4j.getRandom().setSeed(98);
        g.setParams(Nd4j.rand(DataType.DOUBLE, g.params().shape()).subi(0.5).muli(2));
    }

    @Test
    void gradientCheckWithMask() {
        ComputationGraph g = graph(4, 3, true, WorkspaceMode.ENABLED, 42, pooling(4, 3, 0));
        randomizeParams(g);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 4, 5).subi(0.5).muli(3);
        assertTrue(gradientCheck(g, x, labels(1, 3, 3, 0), mask(5, 5, 3, 1), false, null));
    }

    @Test
    void gradientCheckWithDropoutUnderFixedSeed() {
        ComputationGraph g = graph(4, 3, true, WorkspaceMode.ENABLED, 43, pooling(4, 3, 0.3));
        randomizeParams(g);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 4, 5).subi(0.5).muli(3);
        assertTrue(gradientCheck(g, x, labels(2, 3, 3, 0), mask(5, 2, 5, 4), false,
                net -> Nd4j.getRandom().setSeed(4321)));
    }

    @Test
    void matchesPyTorchMaskedAttentionPooling() throws Exception {
        JsonNode gold = golden();
        JsonNode p = gold.get("pooling");
        INDArray x = sequence(gold.get("x"));
        int e = (int) x.size(1);
        ComputationGraph g = graph(e, 2, true, WorkspaceMode.ENABLED, 1, pooling(e, p.get("b1").size(), 0.2));
        var l = g.getLayer("l0");
        l.setParam("W1", transposed(p.get("w1")));
        l.setParam("b1", row(p.get("b1")));
        l.setParam("g", row(p.get("norm_weight")));
        l.setParam("beta", row(p.get("norm_bias")));
        l.setParam("W2", transposed(p.get("w2")));
        l.setParam("b2", row(p.get("b2")));
        INDArray m = mask((int) x.size(2), ints(gold.get("lengths")));
        assertClose(matrix(p.get("output")), activation(g, x, m, "l0", false), 1e-10, "pooling vs PyTorch");
    }

    @Test
    void paddedBatchEqualsSequencesAlone() {
        int[] lengths = {3, 6, 1};
        ComputationGraph g = graph(6, 2, true, WorkspaceMode.ENABLED, 7, pooling(6, 3, 0.2));
        randomizeParams(g);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 6, 6).subi(0.5).muli(4);
        INDArray batch = activation(g, x, mask(6, lengths), "l0", false);
        for (int i = 0; i < lengths.length; i++) {
            INDArray single = activation(g, alone(x, i, lengths[i]), null, "l0", false);
            assertClose(single, batch.getRow(i, true), 1e-10, "sequence " + i);
        }
    }

    @Test
    void dropoutOnlyInTraining() {
        ComputationGraph g = graph(8, 2, true, WorkspaceMode.ENABLED, 5, pooling(8, 4, 0.5));
        ComputationGraph plain = graph(8, 2, true, WorkspaceMode.ENABLED, 5, pooling(8, 4, 0));
        randomizeParams(g);
        plain.setParams(g.params());
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 8, 7);
        INDArray m = mask(7, 7, 5);
        assertNotEquals(activation(g, x, m, "l0", true), activation(g, x, m, "l0", true));
        INDArray inf = activation(g, x, m, "l0", false);
        assertEquals(inf, activation(g, x, m, "l0", false));
        assertClose(activation(plain, x, m, "l0", false), inf, 0.0, "inference = no dropout");
    }

    @Test
    void configurationContract() {
        ComputationGraph g = graph(6, 2, true, WorkspaceMode.ENABLED, 1, new AttentionPooling.Builder().build());
        LayerVertex v = (LayerVertex) g.getConfiguration().getVertices().get("l0");
        assertNull(v.getPreProcessor());
        AttentionPooling c = (AttentionPooling) v.getLayerConf().getLayer();
        assertEquals(3, c.getHiddenSize(), "default hidden size nIn/2");
        assertEquals(InputType.feedForward(6), c.getOutputType(0, InputType.recurrent(6, 4)));
        assertEquals(List.of("W1", "W2"), c.initializer().weightKeys(c));
        assertEquals(List.of("b1", "g", "beta", "b2"), c.initializer().biasKeys(c));
        var l = g.getLayer("l0");
        assertArrayEquals(new long[] {6, 3}, l.getParam("W1").shape());
        assertArrayEquals(new long[] {3, 1}, l.getParam("W2").shape());
        assertArrayEquals(new long[] {1, 1}, l.getParam("b2").shape());
        INDArray m = mask(5, 5, 2);
        var p = l.feedForwardMaskArray(m, MaskState.Active, 2);
        assertNull(p.getFirst(), "time reduced: no mask after pooling");
        assertNotNull(c.getMemoryReport(InputType.recurrent(6, 4)));
        assertThrows(IllegalArgumentException.class, () -> pooling(4, 2, -0.1));
        assertThrows(IllegalStateException.class, () -> c.getOutputType(0, InputType.feedForward(6)));
    }

    @Test
    void configAndModelRoundTrip(@TempDir Path dir) throws Exception {
        ComputationGraph g = graph(4, 2, true, WorkspaceMode.ENABLED, 9, pooling(4, 2, 0.2));
        randomizeParams(g);
        assertRoundTrips(g, Nd4j.rand(DataType.DOUBLE, 2, 4, 5), mask(5, 5, 3), dir);
        assertEquals(pooling(4, 2, 0.2), pooling(4, 2, 0.2));
        assertEquals(pooling(4, 2, 0.2).hashCode(), pooling(4, 2, 0.2).hashCode());
        assertNotEquals(pooling(4, 2, 0.2), pooling(4, 3, 0.2));
        assertTrue(pooling(4, 2, 0.2).toString().contains("hiddenSize=2"));
    }
}
