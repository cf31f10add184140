package io.videoseq.app.compat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.videoseq.inference.EnsemblePredictor;
import io.videoseq.data.FeatureFile;
import io.videoseq.data.ReadMode;
import io.videoseq.data.SequenceBatchIterator;
import io.videoseq.model.ModelConfig;
import io.videoseq.model.io.ModelZip;
import io.videoseq.training.TrainConfig;
import io.videoseq.training.checkpoint.CheckpointStore;
import io.videoseq.training.eval.Predictor;
import io.videoseq.training.run.ResumeFrom;
import io.videoseq.training.run.TrainedModel;
import io.videoseq.training.run.Trainer;
import io.videoseq.training.run.TrainingRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The compatibility guard: checkpoints and an imported PyTorch model written by an earlier videoseq (commit
 * 8d14d6d, {@code tools/compat/MakeCompatFixtures.java}) still load through every loader and give exactly the
 * probabilities they gave then, and a run resumes from the old checkpoint. DL4J stores every custom class's
 * full name in {@code configuration.json}: a class moved or renamed without an alias at its old name fails here.
 * Those files are bidirectional ({@code BiLstm}); the layer wrappers {@code MaskedRecurrent} and
 * {@code PackedBidirectional} are covered by the files of {@code tools/compat/MakeLayerWrapperFixtures.java}.
 */
class OldCheckpointsTest {
    private static final String DIR = "/compat/";
    private static final List<String> FILES = List.of("best_tiny.zip", "tiny_checkpoint_epoch_2.zip",
            "imported.zip", "train_features.h5", "val_features.h5", "test_features.h5", "expected.json");
    /** From tools/compat/MakeLayerWrapperFixtures.java: the only old files that name the layer wrappers. */
    private static final List<String> WRAPPER_FILES = List.of("uni_checkpoint_epoch_2.zip",
            "packed_bidirectional.zip", "test_features.h5", "expected_layer_wrappers.json");

    @TempDir
    Path dir;

    private JsonNode expected;

    private void copyFixtures() throws IOException {
        expected = copyFixtures(FILES, "expected.json");
    }

    private JsonNode copyFixtures(List<String> files, String expectedJson) throws IOException {
        for (String f : files) {
            try (InputStream in = getClass().getResourceAsStream(DIR + f)) {
                assertNotNull(in, "test resource compat/" + f);
                Files.copy(in, dir.resolve(f));
            }
        }
        return new ObjectMapper().readTree(dir.resolve(expectedJson).toFile());
    }

    @Test
    void oldCheckpointsGiveTheSameProbabilitiesThroughEveryLoader() throws Exception {
        copyFixtures();
        for (String zip : List.of("best_tiny.zip", "tiny_checkpoint_epoch_2.zip")) {
            assertSame(zip + " (CheckpointStore.load)", expected.get(zip),
                    probabilities(CheckpointStore.load(dir.resolve(zip)).graph()));
            assertSame(zip + " (EnsemblePredictor.loadOne)", expected.get(zip), probabilities(EnsemblePredictor.loadOne(dir.resolve(zip))));
        }
    }

    @Test
    void anOldImportedPyTorchModelGivesTheSameOutputs() throws Exception {
        copyFixtures();
        ComputationGraph g = EnsemblePredictor.loadOne(dir.resolve("imported.zip"));
        JsonNode want = expected.get("imported.zip");
        long features = io.videoseq.inference.ModelShape.of(g).featureDim();
        assertSame("imported.zip", want, g.output(false, sinInput(want.size(), features, 5))[0]);
    }

    /** Every LSTM layer of a unidirectional model is a MaskedRecurrent(LSTM), under its old class name. */
    @Test
    void anOldUnidirectionalCheckpointGivesTheSameProbabilities() throws Exception {
        JsonNode want = copyFixtures(WRAPPER_FILES, "expected_layer_wrappers.json").get("uni_checkpoint_epoch_2.zip");
        Path zip = dir.resolve("uni_checkpoint_epoch_2.zip");
        assertNamesClass(zip, "io.videoseq.model.MaskedRecurrent");
        assertSame("uni (CheckpointStore.load)", want, probabilities(CheckpointStore.load(zip).graph()));
        assertSame("uni (ModelZip.load)", want, probabilities(ModelZip.load(zip, false)));
    }

    /** MaskedRecurrent(PackedBidirectional(LSTM)): the LSTM layer of models from before BiLstm. */
    @Test
    void anOldPackedBidirectionalModelGivesTheSameOutputs() throws Exception {
        JsonNode want = copyFixtures(WRAPPER_FILES, "expected_layer_wrappers.json").get("packed_bidirectional.zip");
        Path zip = dir.resolve("packed_bidirectional.zip");
        assertNamesClass(zip, "io.videoseq.model.PackedBidirectional");
        JsonNode lengths = want.get("lengths");
        int steps = want.get("steps").asInt();
        INDArray mask = Nd4j.zeros(DataType.FLOAT, lengths.size(), steps);
        for (int i = 0; i < lengths.size(); i++) {
            for (int t = 0; t < lengths.get(i).asInt(); t++) {
                mask.putScalar(i, t, 1.0);
            }
        }
        INDArray x = sinInput(lengths.size(), want.get("features").asLong(), steps);
        INDArray y = ModelZip.load(zip, false).output(false, new INDArray[]{x}, new INDArray[]{mask})[0];
        assertArrayEquals(new ObjectMapper().treeToValue(want.get("shape"), long[].class), y.shape());
        assertArrayEquals(new ObjectMapper().treeToValue(want.get("values"), double[].class),
                y.dup('c').reshape(y.length()).toDoubleVector(), 0.0, "packed_bidirectional.zip");
    }

    @Test
    void aRunResumesFromAnOldCheckpoint() throws Exception {
        copyFixtures();
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        for (String split : List.of("train", "val", "test")) {
            Files.move(dir.resolve(split + "_features.h5"), data.resolve(split + "_features.h5"));
        }
        ModelConfig model = ModelConfig.builder().featureDim(6).hiddenDim(4).numClasses(3).numLstmLayers(1)
                .numAttentionHeads(2).dropout(0.3).bidirectional(true).headDims(List.of(8, 8, 4)).build();
        TrainConfig train = TrainConfig.builder().epochs(3).batchSize(8).checkpointEvery(1).keepCheckpoints(2)
                .scheduleT0(2).build();
        TrainingRequest resume = TrainingRequest.of(data, dir.resolve("ckpt"), dir.resolve("res"), "tiny", model,
                train).withResume(ResumeFrom.path(dir.resolve("tiny_checkpoint_epoch_2.zip")));
        IllegalArgumentException noBest = assertThrows(IllegalArgumentException.class, () -> Trainer.train(resume));
        assertTrue(noBest.getMessage().contains("best_tiny.zip"), noBest.getMessage());

        // The old run's checkpoint folder as it was: both files side by side.
        CheckpointStore store = new CheckpointStore(dir.resolve("ckpt"));
        Files.createDirectories(store.directory());
        Files.copy(dir.resolve("best_tiny.zip"), store.bestPath("tiny"));
        Files.copy(dir.resolve("tiny_checkpoint_epoch_2.zip"), store.periodicPath("tiny", 2));
        TrainedModel m = Trainer.train(resume.withResume(ResumeFrom.latest()));
        assertEquals(3, m.results().epochsCompleted());
        assertEquals(3, m.results().history().epochs().size());
        assertEquals(2, CheckpointStore.readMetadata(store.periodicPath("tiny", 2)).epoch());
    }

    private INDArray probabilities(ComputationGraph g) throws IOException {
        try (FeatureFile test = FeatureFile.open(dir.resolve("test_features.h5"), ReadMode.IN_MEMORY)) {
            return Predictor.predict(g, SequenceBatchIterator.sequential(test, 4, DataType.FLOAT)).probabilities();
        }
    }

    /** {@code [rows, features, steps]} with values sin(0.1 * index), as the fixture tools built it. */
    private static INDArray sinInput(long rows, long features, long steps) {
        INDArray x = Nd4j.create(DataType.FLOAT, rows, features, steps);
        for (long i = 0; i < x.length(); i++) {
            x.putScalar(i, Math.sin(0.1 * i));
        }
        return x;
    }

    /** The fixture really covers {@code className}: its configuration.json names it as a type id. */
    private static void assertNamesClass(Path zip, String className) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            String json = new String(z.getInputStream(z.getEntry("configuration.json")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertTrue(json.contains("\"@class\" : \"" + className + "\""), zip + " names " + className);
        }
    }

    /**
     * Equal to float rounding: the probabilities were recorded on the plain libnd4j build, and the oneDNN build's
     * kernels (matmul, softmax, tanh) round differently in the last bits (seen: 3e-8). Any change in what a
     * checkpoint means (a weight read wrongly, a layer wired differently) moves them by orders of magnitude more.
     */
    private static final double FLOAT_ROUNDING = 1e-6;

    private static void assertSame(String what, JsonNode want, INDArray got) {
        assertEquals(want.size(), got.size(0), what + ": rows");
        for (int i = 0; i < want.size(); i++) {
            for (int c = 0; c < want.get(i).size(); c++) {
                assertEquals(want.get(i).get(c).asDouble(), got.getDouble(i, c), FLOAT_ROUNDING, what + " [" + i + ", " + c + "]");
            }
        }
    }
}
