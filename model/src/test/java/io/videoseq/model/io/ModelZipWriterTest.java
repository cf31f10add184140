package io.videoseq.model.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;

/** The writing half of the model-zip format: DL4J's bytes, videoseq's entries, nothing the reader would refuse. */
class ModelZipWriterTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void dl4jsEntriesByteForByteThenTheExtrasAndBothLoadersReadIt(DataType dt) throws Exception {
        ComputationGraph g = ModelZipFixtures.trainedTiny(dt, 2);
        byte[] metadata = "{\"format_version\": 1}".getBytes(StandardCharsets.UTF_8);
        Path zip = dir.resolve("m.zip");
        try (var out = Files.newOutputStream(zip)) {
            ModelZipWriter.write(out, g, true, Map.of(ModelZip.METADATA_ENTRY, metadata));
        }

        Map<String, byte[]> want = new LinkedHashMap<>(ModelZipFixtures.entries(g, true));
        want.put(ModelZip.METADATA_ENTRY, metadata);
        Map<String, byte[]> got = entries(Files.readAllBytes(zip));
        assertEquals(List.copyOf(want.keySet()), List.copyOf(got.keySet()));
        for (String name : want.keySet()) {
            assertArrayEquals(want.get(name), got.get(name), name);
        }

        var x = ModelZipFixtures.features(dt, 5);
        var m = ModelZipFixtures.mask(dt);
        ModelZipFixtures.assertBitIdentical(g, ModelZip.load(zip, true), true, x, m);
        ModelZipFixtures.assertBitIdentical(g, ModelSerializer.restoreComputationGraph(zip.toFile(), true), true, x, m);
        assertArrayEquals(metadata, ModelZip.readEntry(zip, ModelZip.METADATA_ENTRY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"preprocessor.bin", "videoseq/../x.json", "videoseq/", "videoseq/.hidden", "metadata.json"})
    void anExtraTheReaderWouldRefuseIsRefusedBeforeAnythingIsWritten(String name) {
        ComputationGraph g = ModelZipFixtures.trainedTiny(DataType.FLOAT, 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelZipWriter.write(out, g, true, Map.of(name, new byte[0])));
        assertEquals("extra entry " + name + ": expected a name videoseq/<plain segments>, which ModelZip reads",
                e.getMessage());
        assertEquals(0, out.size());
    }

    @Test
    void withoutTheUpdaterAsDl4jSavesAModelForInferenceAndTheCallersStreamStaysOpen() throws Exception {
        boolean[] closed = {false};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        java.io.OutputStream out = new java.io.FilterOutputStream(bytes) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        ComputationGraph g = ModelZipFixtures.trainedTiny(DataType.FLOAT, 1);
        ModelZipWriter.write(out, g, false, Map.of());
        assertEquals(false, closed[0], "the caller forces and closes its file");
        Map<String, byte[]> want = ModelZipFixtures.entries(g, false);
        Map<String, byte[]> got = entries(bytes.toByteArray());
        assertEquals(List.of("configuration.json", "coefficients.bin"), List.copyOf(got.keySet()), "no updater state");
        for (String name : want.keySet()) {
            assertArrayEquals(want.get(name), got.get(name), name);
        }
    }

    private static Map<String, byte[]> entries(byte[] zip) throws Exception {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }
}
