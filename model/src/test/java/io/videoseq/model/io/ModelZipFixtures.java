package io.videoseq.model.io;

import io.videoseq.model.GraphOptions;
import io.videoseq.model.ModelConfig;
import io.videoseq.model.TemporalModelFactory;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Real model zips written by DL4J, their entries, and the payloads of the refusal tests. */
final class ModelZipFixtures {
    static final ModelConfig TINY = new ModelConfig(5, 4, 3, 2, 2, 0.3, true, List.of(6, 5, 4));
    static final int[] LENGTHS = {7, 3, 5};

    private ModelZipFixtures() {
    }

    /** The temporal model at tiny size after {@code steps} Adam steps (so the updater state is not zero). */
    static ComputationGraph trainedTiny(DataType dt, int steps) {
        ComputationGraph g = TemporalModelFactory.build(TINY, GraphOptions.defaults().withDataType(dt).withSeed(5));
        INDArray y = Nd4j.zeros(dt, LENGTHS.length, TINY.numClasses());
        for (int i = 0; i < LENGTHS.length; i++) {
            y.putScalar(i, i % TINY.numClasses(), 1.0);
        }
        for (int s = 0; s < steps; s++) {
            g.fit(new MultiDataSet(new INDArray[]{features(dt, s)}, new INDArray[]{y},
                    new INDArray[]{mask(dt)}, null));
        }
        return g;
    }

    static INDArray features(DataType dt, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(dt, LENGTHS.length, TINY.featureDim(), 7);
    }

    static INDArray mask(DataType dt) {
        INDArray m = Nd4j.zeros(dt, LENGTHS.length, 7);
        for (int i = 0; i < LENGTHS.length; i++) {
            m.get(NDArrayIndex.point(i), NDArrayIndex.interval(0, LENGTHS[i])).assign(1.0);
        }
        return m;
    }

    /** The entries {@code ModelSerializer.writeModel} writes for {@code g}, in order. */
    static Map<String, byte[]> entries(ComputationGraph g, boolean saveUpdater) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelSerializer.writeModel(g, out, saveUpdater);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    /** A crafted zip holding {@code entries}, deflated as DL4J writes them. */
    static CraftedZip craft(Map<String, byte[]> entries) {
        CraftedZip z = new CraftedZip();
        entries.forEach((name, bytes) -> z.add(CraftedZip.deflated(name, bytes)));
        return z;
    }

    /** The "SerialDOS" payload ({@link SerialDos}). */
    static byte[] serialDos() throws IOException {
        return SerialDos.payload();
    }

    /** Same configuration, parameters, counters, updater state (if asked) and outputs, to the bit. */
    static void assertBitIdentical(ComputationGraph expected, ComputationGraph actual, boolean updater,
                                   INDArray x, INDArray m) {
        assertEquals(expected.getConfiguration().toJson(), actual.getConfiguration().toJson());
        assertEquals(expected.params().dataType(), actual.params().dataType());
        assertArrayEquals(expected.params().shape(), actual.params().shape());
        assertArrayEquals(expected.params().data().asDouble(), actual.params().data().asDouble());
        assertEquals(expected.getIterationCount(), actual.getIterationCount());
        assertEquals(expected.getEpochCount(), actual.getEpochCount());
        if (updater) {
            INDArray a = expected.getUpdater().getStateViewArray();
            INDArray b = actual.getUpdater().getStateViewArray();
            assertArrayEquals(a.shape(), b.shape());
            assertArrayEquals(a.data().asDouble(), b.data().asDouble());
        }
        INDArray[] masks = m == null ? null : new INDArray[]{m};
        INDArray want = expected.output(false, new INDArray[]{x}, masks)[0];
        INDArray got = actual.output(false, new INDArray[]{x}, masks)[0];
        assertArrayEquals(want.data().asDouble(), got.data().asDouble());
    }
}
