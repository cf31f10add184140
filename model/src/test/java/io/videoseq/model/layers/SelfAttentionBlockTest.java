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

class SelfAttentionBlockTest {

    @BeforeEach
    void setUp() {
        useDouble();
    }

    private static SelfAttentionBlock block(int e, int heads, double attDrop, double outDrop) {
        return new SelfAttentionBlock.Builder().nIn(e).numHeads(heads).attentionDropProb(attDrop)
                .outputDropProb(outDrop).build();
    }

    /** Random non-trivial LayerNorm and biases so that their gradients are checked away from the init point. */
    private static void randomizeParams(ComputationGraph g) {
        Nd4j.getRandom().setSeed(99);
        g.setParams(Nd4j.rand(DataType.DOUBLE, g.params().shape()).subi(0.5));
    }

    @Test
    void gradientCheckWithMask() {
        ComputationGraph g = graph(4, 2, false, WorkspaceMode.ENABLED, 42, block(4, 2, 0, 0));
        randomizeParams(g);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 4, 5).subi(0.5).muli(3);
        assertTrue(gradientCheck(g, x, labels(1, 3, 2, 5), mask(5, 5, 3, 1), true, null));
    }

    @Test
    void gradientCheckWithBothDropoutsUnderFixedSeed() {
        ComputationGraph g = graph(4, 2, false, WorkspaceMode.ENABLED, 43, block(4, 2, 0.3, 0.3));
        randomizeParams(g);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 4, 4).subi(0.5).muli(3);
        // same seed before every forward pass → same dropout masks in every pass, so gradients are checkable
        assertTrue(gradientCheck(g, x, labels(2, 2, 2, 4), mask(4, 4, 2), true,
                net -> Nd4j.getRandom().setSeed(1234)));
    }

    @Test
    void matchesPyTorchMultiheadAttentionWithResidualAndLayerNorm() throws Exception {
        JsonNode gold = golden();
        JsonNode att = gold.get("attention");
        INDArray x = sequence(gold.get("x"));
        int e = (int) x.size(1);
        ComputationGraph g = graph(e, 2, false, WorkspaceMode.ENABLED, 1,
                block(e, att.get("num_heads").asInt(), 0.4, 0.4));
        var l = g.getLayer("l0");
        l.setParam("Wqkv", transposed(att.get("in_proj_weight")));
        l.setParam("bqkv", row(att.get("in_proj_bias")));
        l.setParam("Wo", transposed(att.get("out_proj_weight")));
        l.setParam("bo", row(att.get("out_proj_bias")));
        l.setParam("g", row(att.get("norm_weight")));
        l.setParam("beta", row(att.get("norm_bias")));
        INDArray m = mask((int) x.size(2), ints(gold.get("lengths")));
        assertClose(sequence(att.get("output")), activation(g, x, m, "l0", false), 1e-10, "attention vs PyTorch");
    }

    @Test
    void paddedBatchEqualsSequencesAlone() {
        int[] lengths = {2, 6, 4};
        ComputationGraph g = graph(6, 2, false, WorkspaceMode.ENABLED, 7, block(6, 3, 0.2, 0.2));
        randomizeParams(g);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 6, 6);
        INDArray batch = activation(g, x, mask(6, lengths), "l0", false);
        for (int i = 0; i < lengths.length; i++) {
            INDArray single = activation(g, alone(x, i, lengths[i]), null, "l0", false);
            assertClose(single.reshape(6, lengths[i]), steps(batch, i, lengths[i]), 1e-10, "sequence " + i);
            assertEquals(steps(batch, i, lengths[i]).sumNumber().doubleValue(),
                    steps(batch, i, 6).sumNumber().doubleValue(), 0.0, "padded outputs are 0");
        }
    }

    @Test
    void dropoutOnlyInTrainingAndReproducibleFromSeed() {
        ComputationGraph g = graph(8, 2, false, WorkspaceMode.ENABLED, 5, block(8, 2, 0.4, 0.4));
        ComputationGraph plain = graph(8, 2, false, WorkspaceMode.ENABLED, 5, block(8, 2, 0, 0));
        plain.setParams(g.params());
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 8, 7);
        INDArray m = mask(7, 7, 5);
        Nd4j.getRandom().setSeed(77);
        INDArray t1 = activation(g, x, m, "l0", true);
        INDArray t2 = activation(g, x, m, "l0", true);
        assertNotEquals(t1, t2, "training outputs differ between calls");
        Nd4j.getRandom().setSeed(77);
        assertEquals(t1, activation(g, x, m, "l0", true), "same seed → same dropout masks");
        INDArray inf = activation(g, x, m, "l0", false);
        assertEquals(inf, activation(g, x, m, "l0", false));
        assertClose(activation(plain, x, m, "l0", false), inf, 0.0, "inference = no dropout");
        assertClose(activation(plain, x, m, "l0", true), inf, 1e-12, "drop probability 0 → no dropout in training");
    }

    @Test
    void dropMaskHasRequestedRateAndInvertedScale() {
        double d = 0.4;
        INDArray mask = RowOps.dropMask(new long[] {200, 500}, d, DataType.DOUBLE,
                org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces(), null);
        double dropped = mask.eq(0.0).castTo(DataType.DOUBLE).meanNumber().doubleValue();
        assertEquals(d, dropped, 0.01, "fraction dropped");
        INDArray kept = mask.neq(0.0).castTo(DataType.DOUBLE);
        assertEquals(kept.sumNumber().doubleValue() / (1 - d), mask.sumNumber().doubleValue(), 1e-6,
                "kept values are 1/(1-d)");
    }

    @Test
    void configurationContract() {
        ComputationGraph g = graph(4, 2, false, WorkspaceMode.ENABLED, 1,
                new SelfAttentionBlock.Builder().numHeads(2).build());
        LayerVertex v = (LayerVertex) g.getConfiguration().getVertices().get("l0");
        assertNull(v.getPreProcessor());
        SelfAttentionBlock c = (SelfAttentionBlock) v.getLayerConf().getLayer();
        assertEquals(4, c.getNIn(), "nIn from setInputTypes");
        assertEquals(4, c.getNOut());
        assertEquals(InputType.recurrent(4, 9), c.getOutputType(0, InputType.recurrent(4, 9)));
        assertEquals(List.of("Wqkv", "Wo"), c.initializer().weightKeys(c));
        assertEquals(List.of("bqkv", "bo", "g", "beta"), c.initializer().biasKeys(c));
        assertArrayEquals(new long[] {4, 12}, g.getLayer("l0").getParam("Wqkv").shape());
        assertArrayEquals(new long[] {1, 12}, g.getLayer("l0").getParam("bqkv").shape());
        assertArrayEquals(new long[] {4, 4}, g.getLayer("l0").getParam("Wo").shape());
        assertEquals(4 * 12 + 12 + 16 + 4 + 4 + 4, g.getLayer("l0").numParams());
        assertNotNull(c.getMemoryReport(InputType.recurrent(4, 9)));
        INDArray m = mask(5, 5, 2);
        assertSame(m, g.getLayer("l0").feedForwardMaskArray(m, MaskState.Active, 2).getFirst());
        assertThrows(IllegalArgumentException.class, () -> block(4, 2, 1.0, 0));
        assertThrows(IllegalArgumentException.class, () -> block(4, 0, 0, 0));
        assertThrows(IllegalStateException.class, () -> graph(5, 2, false, WorkspaceMode.ENABLED, 1, block(5, 2, 0, 0)));
    }

    @Test
    void xavierInitUsesPackedFans() {
        ComputationGraph g = graph(64, 2, false, WorkspaceMode.ENABLED, 3, block(64, 4, 0, 0));
        INDArray wqkv = g.getLayer("l0").getParam("Wqkv");
        double a = Math.sqrt(6.0 / (64 + 192));
        assertTrue(wqkv.amaxNumber().doubleValue() <= a);
        assertEquals(a * a / 3, wqkv.varNumber().doubleValue(), 0.05 * a * a / 3);
        INDArray wo = g.getLayer("l0").getParam("Wo");
        double ao = Math.sqrt(6.0 / 128);
        assertTrue(wo.amaxNumber().doubleValue() <= ao);
        assertEquals(ao * ao / 3, wo.varNumber().doubleValue(), 0.08 * ao * ao / 3);
        assertEquals(0.0, g.getLayer("l0").getParam("bqkv").amaxNumber().doubleValue());
        assertEquals(Nd4j.ones(DataType.DOUBLE, 1, 64), g.getLayer("l0").getParam("g"));
    }

    @Test
    void configAndModelRoundTrip(@TempDir Path dir) throws Exception {
        ComputationGraph g = graph(4, 2, false, WorkspaceMode.ENABLED, 9, block(4, 2, 0.1, 0.2));
        randomizeParams(g);
        assertRoundTrips(g, Nd4j.rand(DataType.DOUBLE, 2, 4, 5), mask(5, 5, 3), dir);
        assertEquals(block(4, 2, 0.1, 0.2), block(4, 2, 0.1, 0.2));
        assertEquals(block(4, 2, 0.1, 0.2).hashCode(), block(4, 2, 0.1, 0.2).hashCode());
        assertNotEquals(block(4, 2, 0.1, 0.2), block(4, 2, 0.1, 0.3));
        assertNotEquals(block(4, 2, 0.1, 0.2), block(4, 4, 0.1, 0.2));
        assertTrue(block(4, 2, 0.1, 0.2).toString().contains("attentionDropProb=0.1"));
    }
}
