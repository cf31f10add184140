package io.videoseq.app.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.videoseq.training.inference.EnsemblePredictor;
import io.videoseq.data.FeatureFile;
import io.videoseq.data.ReadMode;
import io.videoseq.data.SequenceBatchIterator;
import io.videoseq.model.ModelConfig;
import io.videoseq.training.TrainConfig;
import io.videoseq.training.checkpoint.CheckpointStore;
import io.videoseq.training.eval.Predictor;
import io.videoseq.training.run.ResumeFrom;
import io.videoseq.training.run.TrainedModel;
import io.videoseq.training.run.Trainer;
import io.videoseq.training.run.TrainingRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 */
class OldCheckpointsTest {
    private static final String DIR = "/compat/";
    private static final List<String> FILES = List.of("best_tiny.zip", "tiny_checkpoint_epoch_2.zip",
            "imported.zip", "train_features.h5", "val_features.h5", "test_features.h5", "expected.json");

    @TempDir
    Path dir;

    private JsonNode expected;

    private void copyFixtures() throws IOException {
        for (String f : FILES) {
            try (InputStream in = getClass().getResourceAsStream(DIR + f)) {
                assertNotNull(in, "test resource compat/" + f);
                Files.copy(in, dir.resolve(f));
            }
        }
        expected = new ObjectMapper().readTree(dir.resolve("expected.json").toFile());
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
        long features = io.videoseq.training.inference.ModelShape.of(g).featureDim();
        INDArray x = Nd4j.create(DataType.FLOAT, want.size(), features, 5);
        for (long i = 0; i < x.length(); i++) {
            x.putScalar(i, Math.sin(0.1 * i));
        }
        assertSame("imported.zip", want, g.output(false, x)[0]);
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

    /** Exactly equal: the same float computation must give the same bits (JSON holds each float exactly). */
    private static void assertSame(String what, JsonNode want, INDArray got) {
        assertEquals(want.size(), got.size(0), what + ": rows");
        for (int i = 0; i < want.size(); i++) {
            for (int c = 0; c < want.get(i).size(); c++) {
                assertEquals(want.get(i).get(c).asDouble(), got.getDouble(i, c), 0.0, what + " [" + i + ", " + c + "]");
            }
        }
    }
}
