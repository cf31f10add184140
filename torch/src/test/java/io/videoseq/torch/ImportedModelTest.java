package io.videoseq.torch;

import io.videoseq.model.GraphOptions;
import io.videoseq.model.ModelConfig;
import io.videoseq.model.TemporalModelFactory;
import io.videoseq.model.io.ModelZip;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** What the importer builds fits the model module: its parameter count and its model files. */
class ImportedModelTest {

    @TempDir
    Path dir;

    @Test
    void parameterCountIsPyTorchsMinusTheSecondLstmBias() {
        ModelConfig small = ModelConfig.builder().featureDim(5).hiddenDim(4).numClasses(3).numLstmLayers(2)
                .numAttentionHeads(2).dropout(0.3).bidirectional(true).headDims(List.of(6, 5, 4)).build();
        for (ModelConfig c : List.of(small, small.toBuilder().bidirectional(false).build(), ModelConfig.defaults())) {
            long torch = TorchImporter.expectedShapes(c).values().stream()
                    .mapToLong(s -> Arrays.stream(s).reduce(1, (x, y) -> x * y)).sum();
            long secondBiases = (long) c.numLstmLayers() * (c.bidirectional() ? 2 : 1) * 4 * c.hiddenDim();
            assertEquals(torch - secondBiases, TemporalModelFactory.numParams(c), c.toString());
        }
    }

    /** An imported model saved as import-torch saves it loads through ModelZip exactly as through DL4J's loader. */
    @Test
    void anImportedModelFileLoadsBitIdenticallyThroughModelZip() throws Exception {
        Path stateDict = dir.resolve("parity.h5");
        try (InputStream in = getClass().getResourceAsStream("/parity.h5")) {
            assertNotNull(in, "test resource parity.h5");
            Files.copy(in, stateDict);
        }
        ComputationGraph imported = TorchImporter.load(stateDict, GraphOptions.defaults());
        Path file = dir.resolve("imported.zip");
        ModelSerializer.writeModel(imported, file.toFile(), false);
        ComputationGraph dl4j = ModelSerializer.restoreComputationGraph(file.toFile(), false);
        ComputationGraph ours = ModelZip.load(file, false);
        assertEquals(dl4j.params(), ours.params());
        Nd4j.getRandom().setSeed(3);
        long features = imported.getLayer(0).getParam("W").size(0);
        INDArray x = Nd4j.randn(DataType.FLOAT, 3, features, 7);
        INDArray m = Nd4j.ones(DataType.FLOAT, 3, 7);
        m.putScalar(new long[] {1, 6}, 0);
        m.putScalar(new long[] {2, 5}, 0);
        m.putScalar(new long[] {2, 6}, 0);
        assertEquals(dl4j.output(false, new INDArray[] {x}, new INDArray[] {m})[0],
                ours.output(false, new INDArray[] {x}, new INDArray[] {m})[0]);
    }
}
