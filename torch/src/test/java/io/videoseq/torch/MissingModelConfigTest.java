package io.videoseq.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.videoseq.model.GraphOptions;
import io.videoseq.model.ModelConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * parity.h5 as an export of an older checkpoint saved without {@code model_config} (no {@code config} attribute,
 * or the empty object the exporter writes then): refused in one line naming the missing key unless the
 * configuration is given, and then imported with the original's weights; a given configuration that disagrees
 * with a recorded one is refused naming the key.
 */
class MissingModelConfigTest {
    private static final GraphOptions DOUBLE = GraphOptions.defaults().withDataType(DataType.DOUBLE);

    @TempDir
    Path dir;

    private Path copy(String name) throws IOException {
        Path p = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/parity.h5")) {
            Files.copy(in, p);
        }
        return p;
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"{}", " { } "})
    void withoutModelConfigTheDimensionsMustBeGiven(String stored) throws IOException {
        Path parity = copy("parity.h5");
        ModelConfig recorded = TorchImporter.readConfig(parity);
        Path old = copy("old.h5");
        ConfigAttribute.replace(old, stored);

        assertTrue(TorchImporter.storedConfig(old).isEmpty());
        TorchImportException e = assertThrows(TorchImportException.class, () -> TorchImporter.load(old, DOUBLE));
        assertTrue(e.getMessage().startsWith(old + ": attribute 'config': "), e.getMessage());
        assertTrue(e.getMessage().contains("model_config") && e.getMessage().contains("--config"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());

        ComputationGraph given = TorchImporter.load(old, DOUBLE, recorded, "model.json");
        ComputationGraph original = TorchImporter.load(parity, DOUBLE);
        assertEquals(original.params(), given.params(), "the same weights in the same graph");
    }

    @Test
    void aGivenConfigMustAgreeWithTheRecordedOne() throws IOException {
        Path parity = copy("parity.h5");
        ModelConfig recorded = TorchImporter.storedConfig(parity).orElseThrow();
        TorchImporter.load(parity, DOUBLE, recorded, "model.json");
        ModelConfig wider = recorded.toBuilder().hiddenDim(recorded.hiddenDim() + 1).build();
        TorchImportException e = assertThrows(TorchImportException.class,
                () -> TorchImporter.load(parity, DOUBLE, wider, "model.json"));
        assertEquals(parity + ": model_config key hidden_dim: the state dict says " + recorded.hiddenDim()
                + ", model.json says " + wider.hiddenDim() + " (they must agree)", e.getMessage());
    }

    @Test
    void aWrongGivenConfigIsCaughtByTheShapes() throws IOException {
        Path old = copy("old.h5");
        ConfigAttribute.replace(old, null);
        ModelConfig wrong = TorchImporter.readConfig(copy("parity.h5")).toBuilder().featureDim(17).build();
        TorchImportException e = assertThrows(TorchImportException.class,
                () -> TorchImporter.load(old, DOUBLE, wrong, "model.json"));
        assertTrue(e.getMessage().contains("input_projection.0.weight': expected shape [8, 17], found [8, 16]"),
                e.getMessage());
    }
}
