package io.videoseq.video.backbone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.videoseq.video.Preprocessing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Backbone files from strangers are refused in one line naming the file, the key, layer or dataset,
 * expected and found, before anything they declare is allocated ({@link HostileBackbones} writes them). The same
 * files through the command line in a capped JVM: app's {@code HostileBackboneTest}.
 */
class HostileBackboneFilesTest {
    @TempDir
    Path dir;

    static List<HostileBackbones.Case> cases() {
        return HostileBackbones.allCases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedInOneLineNamingFileKeyExpectedAndFound(HostileBackbones.Case c) {
        Path file = c.make().apply(dir);
        BackboneException e = assertThrows(BackboneException.class,
                () -> KerasBackbone.load(file, null, Preprocessing.of(224, Preprocessing.ChannelOrder.RGB, 0, 255)));
        String m = e.getMessage();
        assertEquals(-1, m.indexOf('\n'), m);
        assertTrue(m.startsWith(file.toString()), "names the file first: " + m);
        for (String f : c.fragments()) {
            assertTrue(m.contains(f), "expected '" + f + "' in: " + m);
        }
    }

    /** The checks refuse what is wrong, not what is right: the tiny model loads and its weights are used. */
    @Test
    void theValidTinyModelsLoadWithTheirWeights() throws Exception {
        Path json = HostileBackbones.validTfjs(dir.resolve("tfjs"));
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(64).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 16; i++) {
            b.putFloat(i < 12 ? (i % 4 == i / 4 ? 1 : 0) : 0.5f);
        }
        Files.write(dir.resolve("tfjs/group1-shard1of1.bin"), b.array());
        ComputationGraph g = KerasGraphs.fromTfjs(TfjsLayersModel.read(json));
        float[] out = g.outputSingle(false, Nd4j.createFromArray(new float[][] {{1, 2, 3}})).toFloatVector();
        assertArrayEquals(new float[] {1.5f, 2.5f, 3.5f, 0.5f}, out, 1e-6f, "kernel [3,4] identity, bias 0.5");

        Path h5 = HostileBackbones.h5(dir.resolve("m.h5"), HostileBackbones.denseModel(3, 4), new long[] {3, 4}, true,
                null);
        H5Check.Contents c = H5Check.inspect(h5);
        assertArrayEquals(new long[] {3, 4}, c.weights().get("dense_1").get("kernel"));
        assertArrayEquals(new long[] {4}, c.weights().get("dense_1").get("bias"));
        ComputationGraph fromH5 = KerasGraphs.fromH5(h5);
        assertEquals(16, fromH5.numParams());
    }
}
