package io.videoseq.training.run;

import io.videoseq.training.callback.StopSignal;
import io.videoseq.training.callback.TrainingCallback;
import com.fasterxml.jackson.databind.JsonNode;
import io.videoseq.training.TrainConfig;
import io.videoseq.training.checkpoint.Checkpoint;
import io.videoseq.training.checkpoint.CheckpointMetadata;
import io.videoseq.training.checkpoint.CheckpointStore;
import io.videoseq.training.checkpoint.RunLock;
import io.videoseq.training.checkpoint.RunLockedException;
import io.videoseq.training.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {

    @Test
    void trainsThenWritesCheckpointsResultsAndHistory(@TempDir Path tmp) throws Exception {
        Path data = TinyRun.data(tmp.resolve("data"));
        TrainingRequest r = TinyRun.request(data, tmp, "tiny", TinyRun.config());
        TrainedModel m = Trainer.train(r);

        CheckpointStore store = new CheckpointStore(tmp.resolve("checkpoints"));
        int ipe = 3; // ceil(20 / 8)
        assertEquals(List.of(store.periodicPath("tiny", 2), store.periodicPath("tiny", 3)), store.periodic("tiny"));
        Checkpoint last = CheckpointStore.load(store.latest("tiny").orElseThrow());
        CheckpointMetadata meta = last.metadata();
        assertEquals(3, meta.epoch());
        assertEquals(3L * ipe, meta.iterationCount());
        assertEquals(3 * ipe, last.graph().getConfiguration().getIterationCount());
        assertEquals(3, last.graph().getConfiguration().getEpochCount());
        assertEquals("completed all 3 epochs", meta.stopReason());
        assertEquals(3, meta.inputChecksums().size());
        assertEquals(64, meta.inputChecksums().get("train_features.h5").length());
        assertEquals(TinyRun.config(), meta.trainConfig());
        assertEquals(4, meta.modelConfig().get("hidden_dim").asInt());
        assertTrue(meta.provenance().dl4j().startsWith("1.0.0"), meta.provenance().toString());

        CheckpointMetadata best = CheckpointStore.readMetadata(store.bestPath("tiny"));
        assertEquals(best.progress().bestEpoch(), best.epoch(), "best is written at the epoch that set it");
        assertEquals(m.results().bestEpoch(), best.epoch());

        JsonNode json = Json.mapper().readTree(tmp.resolve("results/tiny_results.json").toFile());
        assertEquals(m.results().bestEpoch(), json.get("best_epoch").asInt());
        assertFalse(json.get("stopped_early").asBoolean());
        assertEquals(9, json.get("test").get("examples").asInt());
        assertEquals(9, json.get("test_tta").get("examples").asInt());
        assertEquals(3, json.get("history").size());
        double lr1 = json.get("history").get(0).get("learning_rate").asDouble();
        assertEquals(1e-3, lr1, 1e-15, "the first epoch starts at the base learning rate");
        List<String> csv = Files.readAllLines(tmp.resolve("results/tiny_history.csv"));
        assertEquals(4, csv.size());
        assertTrue(csv.get(0).endsWith("f1_class_0,f1_class_1,f1_class_2"), csv.get(0));
    }

    @Test
    void earlyStoppingEndsTheRunAndIsFinalOnResume(@TempDir Path tmp) throws Exception {
        Path data = TinyRun.data(tmp.resolve("data"));
        // A learning rate this small leaves validation accuracy unchanged: no strict improvement after epoch 1.
        TrainConfig c = TinyRun.config().toBuilder().epochs(10).patience(2).learningRate(1e-12).etaMin(0).build();
        TrainedModel m = Trainer.train(TinyRun.request(data, tmp, "stop", c));
        assertEquals(3, m.results().epochsCompleted());
        assertTrue(m.results().stoppedEarly());
        assertTrue(m.results().stopReason().startsWith("early stopping"), m.results().stopReason());
        assertEquals(1, m.results().bestEpoch());
        CheckpointStore store = new CheckpointStore(tmp.resolve("checkpoints"));
        assertTrue(CheckpointStore.readMetadata(store.latest("stop").orElseThrow()).stopReason()
                .startsWith("early stopping"));

        TrainedModel again = Trainer.train(TinyRun.request(data, tmp, "stop", c).withResume(ResumeFrom.latest()));
        assertEquals(3, again.results().epochsCompleted(), "an early-stopped run does not train on when resumed");
    }

    @Test
    void resumeLatestWithNothingStartsAndAChangedConfigurationIsRefused(@TempDir Path tmp) {
        Path data = TinyRun.data(tmp.resolve("data"));
        java.util.List<String> notices = new java.util.ArrayList<>();
        TrainingCallback record = new TrainingCallback() {
            @Override
            public void onNotice(String line) {
                notices.add(line);
            }
        };
        TrainedModel fresh = Trainer.train(TinyRun.request(data, tmp, "nothing", TinyRun.config().toBuilder()
                .epochs(1).build()).withResume(ResumeFrom.latest()).withCallbacks(List.of(record)));
        assertEquals(1, fresh.results().epochsCompleted());
        assertEquals(1, notices.size(), notices.toString());
        assertTrue(notices.get(0).contains("nothing to resume for model 'nothing'"), notices.get(0));

        // An earlier run's files without any resume point (a run of an older version) are not replaced silently.
        Path old = tmp.resolve("old");
        Trainer.train(TinyRun.request(data, old, "old", TinyRun.config().toBuilder().epochs(1).build()));
        CheckpointStore oldStore = new CheckpointStore(old.resolve("checkpoints"));
        for (Path p : oldStore.all("old")) {
            if (!p.equals(oldStore.bestPath("old"))) {
                assertTrue(p.toFile().delete());
            }
        }
        IllegalArgumentException noPoint = assertThrows(IllegalArgumentException.class, () -> Trainer.train(
                TinyRun.request(data, old, "old", TinyRun.config()).withResume(ResumeFrom.latest())));
        assertTrue(noPoint.getMessage().contains("no resume point"), noPoint.getMessage());
        assertTrue(Files.exists(oldStore.bestPath("old")));

        Trainer.train(TinyRun.request(data, tmp, "cfg", TinyRun.config().toBuilder().epochs(1).build()));
        TrainConfig changed = TinyRun.config().toBuilder().learningRate(5e-4).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Trainer.train(
                TinyRun.request(data, tmp, "cfg", changed).withResume(ResumeFrom.latest())));
        assertTrue(e.getMessage().contains("'learning_rate'"), e.getMessage());
    }

    @Test
    void stopSignalFromACallbackIsRecorded(@TempDir Path tmp) {
        Path data = TinyRun.data(tmp.resolve("data"));
        TrainingCallback stopAfterTwo = TrainingCallback.of((record, state) -> {
            assertNull(state.stopReason());
            return record.epoch() == 2 ? StopSignal.stop("enough") : StopSignal.CONTINUE;
        });
        TrainedModel m = Trainer.train(TinyRun.request(data, tmp, "cb", TinyRun.config().toBuilder().epochs(5)
                .build()).withCallbacks(List.of(stopAfterTwo)));
        assertEquals(2, m.results().epochsCompleted());
        assertEquals("enough", m.results().stopReason());
    }

    @Test
    void aFreshStartNeverOverwritesAnEarlierRunUnlessToldTo(@TempDir Path tmp) throws Exception {
        Path data = TinyRun.data(tmp.resolve("data"));
        TrainConfig c = TinyRun.config().toBuilder().epochs(4).checkpointEvery(1).keepCheckpoints(10).build();
        Trainer.train(TinyRun.request(data, tmp, "mine", c));
        CheckpointStore store = new CheckpointStore(tmp.resolve("checkpoints"));
        Path best = store.bestPath("mine");
        byte[] bestBefore = Files.readAllBytes(best);
        assertEquals(4, store.periodic("mine").size());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.train(TinyRun.request(data, tmp, "mine", c.toBuilder().epochs(1).build())));
        assertTrue(e.getMessage().contains("model 'mine' has an earlier run"), e.getMessage());
        assertTrue(e.getMessage().contains("--force"), e.getMessage());
        assertEquals(4, store.periodic("mine").size(), "the refused run touched nothing");
        assertTrue(java.util.Arrays.equals(bestBefore, Files.readAllBytes(best)));

        // a results file alone (checkpoints elsewhere) is an earlier run too
        Path elsewhere = tmp.resolve("other-checkpoints");
        assertThrows(IllegalArgumentException.class, () -> Trainer.train(new TrainingRequest(data, elsewhere,
                tmp.resolve("results"), "mine", TinyRun.request(data, tmp, "mine", c).modelConfig(), c,
                ResumeFrom.none(), List.of(), List.of(), null)));

        // REPLACE starts over and removes the old periodic checkpoints, so 'latest' cannot pick a stale one
        Trainer.train(TinyRun.request(data, tmp, "mine", c.toBuilder().epochs(2).build())
                .withResume(ResumeFrom.replace()));
        assertEquals(List.of(store.periodicPath("mine", 1), store.periodicPath("mine", 2)), store.periodic("mine"));
        assertEquals(2, CheckpointStore.readMetadata(store.latest("mine").orElseThrow()).epoch());
    }

    @Test
    void aRunInProgressRefusesASecondRunOfTheNameEvenWithForce(@TempDir Path tmp) throws Exception {
        Path data = TinyRun.data(tmp.resolve("data"));
        TrainConfig one = TinyRun.config().toBuilder().epochs(1).build();
        Trainer.train(TinyRun.request(data, tmp, "busy", one));
        CheckpointStore store = new CheckpointStore(tmp.resolve("checkpoints"));
        byte[] best = Files.readAllBytes(store.bestPath("busy"));
        try (RunLock held = RunLock.acquire(store.directory(), "busy")) {
            for (ResumeFrom start : List.of(ResumeFrom.none(), ResumeFrom.replace(), ResumeFrom.latest())) {
                RunLockedException e = assertThrows(RunLockedException.class,
                        () -> Trainer.train(TinyRun.request(data, tmp, "busy", one).withResume(start)));
                assertTrue(e.getMessage().contains(held.file().toAbsolutePath().toString()), e.getMessage());
            }
            assertTrue(Files.exists(store.lastPath("busy")), "--force deleted nothing of the running run");
            org.junit.jupiter.api.Assertions.assertArrayEquals(best, Files.readAllBytes(store.bestPath("busy")));
        }
    }

    @Test
    void aResumedRunAtItsLimitAlwaysHasAStopReason() {
        CheckpointMetadata stoppedByLimit = metadata("m", 3, TinyRun.config(), null);
        assertEquals("completed all 3 epochs", RunStart.stopReasonOnResume(stoppedByLimit, 3));
        assertEquals("completed its 1 epoch", RunStart.completedAll(1), "not 'all 1 epochs'");
        assertNull(RunStart.stopReasonOnResume(stoppedByLimit, 5), "a larger limit continues the run");
        CheckpointMetadata early = metadata("m", 2, TinyRun.config(), "early stopping");
        assertEquals("early stopping", RunStart.stopReasonOnResume(early, 5), "an early stop is final");
        CheckpointMetadata interrupted = metadata("m", 2, TinyRun.config(), null);
        assertNull(RunStart.stopReasonOnResume(interrupted, 3));
    }

    @Test
    void aRunGivenOpenDataNeverOpensTheFeatureFilesAgain(@TempDir Path tmp) throws Exception {
        Path data = TinyRun.data(tmp.resolve("data"));
        TrainConfig c = TinyRun.config().toBuilder().epochs(2).build();
        try (TrainingData open = TrainingData.open(data, c)) {
            // Gone from the folder, still readable through the open handles: a second open would fail.
            try (java.util.stream.Stream<Path> files = Files.list(data)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            TrainedModel m = Trainer.train(TinyRun.request(data, tmp, "open", c).withData(open));
            assertEquals(2, m.results().epochsCompleted());
            TrainedModel other = Trainer.train(TinyRun.request(data, tmp, "seed7", c.toBuilder().seed(7).build())
                    .withData(open));
            assertEquals(2, other.results().epochsCompleted(), "the same open data serve a run with another seed");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Trainer.train(
                    TinyRun.request(data, tmp, "sfx", c.toBuilder().suffix("_multiscale").build()).withData(open)));
            assertTrue(e.getMessage().contains("suffix"), e.getMessage());
        }
    }

    private static CheckpointMetadata metadata(String name, int epochs, TrainConfig c, String stopReason) {
        io.videoseq.training.history.TrainingProgress p = io.videoseq.training.history.TrainingProgress.start();
        for (int e = 1; e <= epochs; e++) {
            p = p.after(new io.videoseq.training.history.EpochRecord(e, 1, 50, 1, 40 + e, 40, List.of(40.0),
                    40, 1e-3, 1));
        }
        return new CheckpointMetadata(CheckpointMetadata.FORMAT_VERSION, name, epochs, 3L * epochs, 3, p, stopReason,
                Json.mapper().createObjectNode(), c, 42, io.videoseq.training.checkpoint.Provenance.current(),
                java.util.Map.of(), "2024-01-01T00:00:00Z", java.util.Map.of());
    }
}
