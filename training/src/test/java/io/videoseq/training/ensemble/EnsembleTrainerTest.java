package io.videoseq.training.ensemble;

import io.videoseq.training.run.ResumeFrom;
import io.videoseq.training.run.TinyRun;
import io.videoseq.training.run.Trainer;
import io.videoseq.training.run.TrainingData;
import io.videoseq.training.run.TrainingRequest;
import com.fasterxml.jackson.databind.JsonNode;
import io.videoseq.training.TrainConfig;
import io.videoseq.training.checkpoint.CheckpointStore;
import io.videoseq.training.eval.TestReport;
import io.videoseq.training.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnsembleTrainerTest {

    @Test
    void trainsMembersWithConsecutiveSeedsAndResumesWhereItStopped(@TempDir Path tmp) throws Exception {
        Path data = TinyRun.data(tmp.resolve("data"));
        TrainConfig c = TinyRun.config().toBuilder().epochs(2).build();
        TrainingRequest base = TinyRun.request(data, tmp, "ens", c);
        AtomicInteger releases = new AtomicInteger();
        EnsembleResults first = EnsembleTrainer.train(base, 2, releases::incrementAndGet);

        assertEquals(2, releases.get(), "memory is released after every member");
        assertEquals(42L, first.members().get(0).seed());
        assertEquals(43L, first.members().get(1).seed());
        assertEquals("ens_model_1", first.members().get(0).modelName());
        JsonNode json = Json.mapper().readTree(tmp.resolve("results/ensemble_final_results.json").toFile());
        assertEquals(2, json.get("members").size());
        assertEquals(first.ensemble().accuracy(), json.get("ensemble").get("accuracy").asDouble());
        double mean = (first.members().get(0).test().accuracy() + first.members().get(1).test().accuracy()) / 2;
        assertEquals(first.ensemble().accuracy() - mean, first.improvementOverMean(), 1e-12);

        // The ensemble's metrics are those of the averaged member probabilities.
        Path results = tmp.resolve("results");
        CheckpointStore store = new CheckpointStore(tmp.resolve("checkpoints"));
        TrainingData td = TrainingData.open(data, c, TinyRun.model());
        try (td) {
            TestReport m1 = Trainer.evaluate(store.bestPath("ens_model_1"), td, c);
            TestReport m2 = Trainer.evaluate(store.bestPath("ens_model_2"), td, c);
            assertEquals(TestReport.average(java.util.List.of(m1, m2)).standard(), first.ensemble());
        }

        // Interrupt member 2 after its first epoch: its results and its epoch-2 checkpoints are gone.
        byte[] member1Results = Files.readAllBytes(results.resolve("ens_model_1_results.json"));
        Files.delete(results.resolve("ens_model_2_results.json"));
        Files.delete(store.periodicPath("ens_model_2", 2));
        Files.delete(store.lastPath("ens_model_2"));
        EnsembleResults resumed = EnsembleTrainer.train(base.withResume(ResumeFrom.latest()), 2, () -> { });

        assertArrayEquals(member1Results, Files.readAllBytes(results.resolve("ens_model_1_results.json")),
                "a completed member is not retrained");
        assertTrue(Files.exists(store.periodicPath("ens_model_2", 2)), "member 2 trained its second epoch again");
        assertEquals(first.members().get(1).bestValAcc(), resumed.members().get(1).bestValAcc());
        assertEquals(first.members().get(1).test(), resumed.members().get(1).test(),
                "member 2 resumed at epoch 2 and ended as the uninterrupted run did");
        assertEquals(first.ensemble(), resumed.ensemble());

        // The manifest names both members' best checkpoints beside it, with their checksums.
        Path manifest = EnsembleTrainer.manifestPath(store.directory(), "ens");
        io.videoseq.inference.manifest.EnsembleManifest m =
                io.videoseq.inference.manifest.EnsembleManifest.read(manifest);
        assertEquals(java.util.List.of(store.bestPath("ens_model_1"), store.bestPath("ens_model_2")), m.files(manifest));
        m.verify(manifest);
        assertEquals(3, m.classNames().size());
        // ... and what training knows about them, for choosing which to drop and for VideoClassifier's TTA default
        assertEquals(TinyRun.model(), m.modelConfig());
        assertEquals(resumed.ensembleTta().accuracy() >= resumed.ensemble().accuracy(), m.ttaRecommended());
        for (int i = 0; i < 2; i++) {
            EnsembleResults.Member r = resumed.members().get(i);
            io.videoseq.inference.manifest.EnsembleManifest.Member mm = m.members().get(i);
            assertEquals(r.modelName(), mm.modelName());
            assertEquals(r.bestValAcc(), mm.valAccuracy());
            assertEquals(r.test().accuracy(), mm.testAccuracy());
            assertEquals(r.testTta().accuracy(), mm.testAccuracyTta());
        }
    }
}
