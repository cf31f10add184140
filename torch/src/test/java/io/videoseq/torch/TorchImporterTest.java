package io.videoseq.torch;

import io.videoseq.model.GraphOptions;
import io.videoseq.model.ModelConfig;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parity with the PyTorch reference on the golden file written by make_fixtures.py (parity.h5). */
class TorchImporterTest {

    static Path parity;

    @BeforeAll
    static void copyFixture(@TempDir Path dir) throws IOException {
        parity = dir.resolve("parity.h5");
        try (InputStream in = TorchImporterTest.class.getResourceAsStream("/parity.h5")) {
            Files.copy(in, parity, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Logits from softmax probabilities: log p, centred per row (softmax is invariant to a row shift). */
    static INDArray centredLogits(INDArray probs) {
        INDArray log = Transforms.log(probs.castTo(DataType.DOUBLE), true);
        return log.subColumnVector(log.mean(1).reshape(-1, 1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"DOUBLE, 1e-6", "FLOAT, 1e-4"})
    void evalLogitsMatchPyTorch(DataType dt, double tol) throws IOException {
        ModelConfig config = TorchImporter.readConfig(parity);
        assertEquals(ModelConfig.builder().featureDim(16).hiddenDim(8).numClasses(3).numLstmLayers(2)
                .numAttentionHeads(2).dropout(0.4).bidirectional(true).headDims(List.of(12, 10, 6)).build(), config);
        ComputationGraph graph = TorchImporter.load(parity, GraphOptions.defaults().withDataType(dt));
        for (String[] c : new String[][]{{"x_full", "lengths_full", "logits_full"},
                {"x_padded", "lengths_padded", "logits_padded_masked"}}) {
            INDArray x = H5TestData.read(parity, c[0]);
            INDArray lengths = H5TestData.read(parity, c[1]);
            INDArray expected = H5TestData.read(parity, c[2]);
            INDArray mask = H5TestData.mask(lengths, x.size(1), dt);
            INDArray probs = graph.output(false, new INDArray[]{H5TestData.toNcw(x, dt)}, new INDArray[]{mask})[0];
            INDArray want = expected.subColumnVector(expected.mean(1).reshape(-1, 1));
            double diff = Transforms.abs(centredLogits(probs).sub(want)).maxNumber().doubleValue();
            assertTrue(diff < tol, c[2] + " " + dt + ": max |Δlogit| = " + diff);
        }
    }

    @Test
    void paddingLeakOfTheOriginalIsNotReproduced() throws IOException {
        // The golden file also holds the unmasked original's logits; they differ from ours, proving the mask matters.
        ComputationGraph graph = TorchImporter.load(parity, GraphOptions.defaults().withDataType(DataType.DOUBLE));
        INDArray x = H5TestData.read(parity, "x_padded");
        INDArray mask = H5TestData.mask(H5TestData.read(parity, "lengths_padded"), x.size(1), DataType.DOUBLE);
        INDArray leak = H5TestData.read(parity, "logits_padded_reference_unmasked");
        INDArray probs = graph.output(false, new INDArray[]{H5TestData.toNcw(x, DataType.DOUBLE)},
                new INDArray[]{mask})[0];
        INDArray want = leak.subColumnVector(leak.mean(1).reshape(-1, 1));
        assertTrue(Transforms.abs(centredLogits(probs).sub(want)).maxNumber().doubleValue() > 1e-3);
    }

    @Test
    void expectedKeysAreExactlyTheFilesKeys() throws IOException {
        try (StateDictFile f = StateDictFile.open(parity)) {
            assertEquals(new java.util.HashSet<>(f.keys()),
                    TorchImporter.expectedShapes(TorchImporter.readConfig(parity)).keySet());
        }
    }

    @Test
    void missingFileIsReported(@TempDir Path dir) {
        Path p = dir.resolve("nope.h5");
        TorchImportException e = assertThrows(TorchImportException.class, () -> TorchImporter.readConfig(p));
        assertTrue(e.getMessage().contains("nope.h5") && e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void nonHdf5FileIsReported(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("text.h5");
        Files.writeString(p, "not hdf5");
        TorchImportException e = assertThrows(TorchImportException.class, () -> TorchImporter.readConfig(p));
        assertTrue(e.getMessage().startsWith(p + ": not a readable HDF5 file"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }
}
