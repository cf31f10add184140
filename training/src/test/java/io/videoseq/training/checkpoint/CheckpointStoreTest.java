package io.videoseq.training.checkpoint;

import io.videoseq.data.io.AtomicFiles;
import io.videoseq.model.io.ModelFileException;
import io.videoseq.training.TrainConfig;
import io.videoseq.training.history.EpochRecord;
import io.videoseq.training.history.TrainingProgress;
import io.videoseq.training.io.Json;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointStoreTest {

    static ComputationGraph tinyTrainedGraph(int steps) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).updater(new Adam(1e-2))
                .dataType(DataType.DOUBLE).graphBuilder().addInputs("features")
                .addLayer("dense", new DenseLayer.Builder().nIn(3).nOut(4).build(), "features")
                .addLayer("output", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).nIn(4).nOut(2).build(), "dense")
                .setOutputs("output").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        Nd4j.getRandom().setSeed(3);
        DataSet ds = new DataSet(Nd4j.rand(DataType.DOUBLE, 5, 3), Nd4j.eye(2).getRows(0, 1, 0, 1, 0));
        for (int i = 0; i < steps; i++) {
            g.fit(ds);
        }
        return g;
    }

    static CheckpointMetadata metadata(String name, int epochs) {
        TrainingProgress p = TrainingProgress.start();
        for (int e = 1; e <= epochs; e++) {
            p = p.after(new EpochRecord(e, 1, 50, 1, 40 + e, 40, List.of(40.0, 41.0), 40, 1e-3, 1));
        }
        return new CheckpointMetadata(CheckpointMetadata.FORMAT_VERSION, name, epochs, 3L * epochs, 3, p, null,
                Json.mapper().createObjectNode().put("hidden_dim", 8), TrainConfig.defaults(), 42,
                Provenance.current(), Map.of("train_features.h5", "ab12"), "2024-01-01T00:00:00Z", Map.of());
    }

    @Test
    void roundTripRestoresParamsUpdaterCountersAndMetadata(@TempDir Path dir) throws Exception {
        ComputationGraph g = tinyTrainedGraph(3);
        CheckpointStore store = new CheckpointStore(dir);
        CheckpointMetadata m = metadata("tiny", 2);
        Path p = store.saveBest(g, m);
        assertEquals(dir.resolve("best_tiny.zip"), p);

        Checkpoint c = CheckpointStore.load(p);
        assertEquals(0.0, g.params().sub(c.graph().params()).amaxNumber().doubleValue(), "bit-equal params");
        assertEquals(0.0, g.getUpdater().getStateViewArray().sub(c.graph().getUpdater().getStateViewArray())
                .amaxNumber().doubleValue(), "bit-equal updater state");
        assertEquals(3, c.graph().getConfiguration().getIterationCount());
        assertEquals(m, c.metadata());
        assertEquals(m, CheckpointStore.readMetadata(p));
        // DL4J's own loader still reads our file (the extra entry is ignored).
        assertEquals(g.params(), ModelSerializer.restoreComputationGraph(p.toFile(), true).params());
        try (ZipFile zip = new ZipFile(p.toFile())) {
            assertNotNull(zip.getEntry(CheckpointStore.METADATA_ENTRY));
            assertNotNull(zip.getEntry("updaterState.bin"));
        }
    }

    @Test
    void keepsOnlyTheNewestPeriodicCheckpointsAndFindsLatest(@TempDir Path dir) throws Exception {
        ComputationGraph g = tinyTrainedGraph(1);
        CheckpointStore store = new CheckpointStore(dir);
        for (int e : new int[] {2, 4, 6, 8, 10}) {
            store.savePeriodic(g, metadata("m", e), 3);
        }
        store.savePeriodic(g, metadata("other", 12), 3);
        Files.writeString(dir.resolve(AtomicFiles.TEMP_PREFIX + "999999999.1.m_checkpoint_epoch_12.zip"), "partial");
        assertEquals(List.of(dir.resolve("m_checkpoint_epoch_6.zip"), dir.resolve("m_checkpoint_epoch_8.zip"),
                dir.resolve("m_checkpoint_epoch_10.zip")), store.periodic("m"));
        assertEquals(dir.resolve("m_checkpoint_epoch_10.zip"), store.latest("m").orElseThrow());
        assertEquals(10, CheckpointStore.readMetadata(store.latest("m").orElseThrow()).epoch());
        assertTrue(store.latest("none").isEmpty());
    }

    @Test
    void failedWriteNamesThePathLeavesNoTemporaryFileAndKeepsOtherCheckpoints(@TempDir Path dir) throws Exception {
        ComputationGraph g = tinyTrainedGraph(1);
        CheckpointStore store = new CheckpointStore(dir);
        Path best = store.saveBest(g, metadata("m", 1));
        byte[] before = Files.readAllBytes(best);
        // A non-empty directory where the file should go makes the final rename fail (even for root).
        Path blocked = store.periodicPath("m", 2);
        Files.createDirectories(blocked.resolve("occupied"));
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> store.savePeriodic(g, metadata("m", 2), 3));
        assertTrue(e.getMessage().contains(blocked.toAbsolutePath().toString()), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(best));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith(AtomicFiles.TEMP_PREFIX)).toList());
        }
    }

    @Test
    void aZipWithoutMetadataIsRejectedWithAClearMessage(@TempDir Path dir) throws Exception {
        Path plain = dir.resolve("plain.zip");
        ModelSerializer.writeModel(tinyTrainedGraph(1), plain.toFile(), true);
        ModelFileException e = assertThrows(ModelFileException.class, () -> CheckpointStore.readMetadata(plain));
        assertTrue(e.getMessage().contains(CheckpointStore.METADATA_ENTRY), e.getMessage());
    }

    @Test
    void unsafeModelNamesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new CheckpointStore(Path.of(".")).bestPath("../x"));
    }

    @Test
    void dl4jEntriesAreByteForByteWhatModelSerializerWritesAndDl4jReadsTheFile(@TempDir Path dir) throws Exception {
        ComputationGraph g = tinyTrainedGraph(2);
        Path ours = dir.resolve("ours.zip");
        CheckpointStore.write(ours, g, metadata("m", 2));
        Path theirs = dir.resolve("theirs.zip");
        ModelSerializer.writeModel(g, theirs.toFile(), true);
        try (java.util.zip.ZipFile a = new java.util.zip.ZipFile(ours.toFile());
             java.util.zip.ZipFile b = new java.util.zip.ZipFile(theirs.toFile())) {
            for (String entry : List.of("configuration.json", "coefficients.bin", "updaterState.bin")) {
                assertArrayEquals(b.getInputStream(b.getEntry(entry)).readAllBytes(),
                        a.getInputStream(a.getEntry(entry)).readAllBytes(), entry);
            }
        }
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(ours.toFile(), true);
        assertEquals(g.params(), restored.params());
        assertEquals(g.getUpdater().getStateViewArray(), restored.getUpdater().getStateViewArray());
    }
}
