package io.videoseq.training.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.videoseq.training.TrainConfig;
import io.videoseq.training.checkpoint.CheckpointStore;
import io.videoseq.training.history.EpochRecord;
import io.videoseq.training.history.Monitor;
import io.videoseq.training.metrics.Direction;
import io.videoseq.training.metrics.Metric;
import io.videoseq.training.metrics.MetricRegistry;
import io.videoseq.training.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Early stopping and the best checkpoint by another monitor than validation accuracy, in whole runs. */
class MonitorRunTest {

    @Test
    void aLossMonitorKeepsTheLowestValidationLossEpochAsBest(@TempDir Path tmp) throws Exception {
        Path data = TinyRun.data(tmp.resolve("data"));
        TrainConfig c = TinyRun.config().toBuilder().epochs(6).patience(2).monitor("val_loss").build();
        TrainedModel m = Trainer.train(TinyRun.request(data, tmp, "loss", c));

        List<EpochRecord> h = m.results().history().epochs();
        int lowest = 0;
        for (int i = 1; i < h.size(); i++) {
            if (h.get(i).valLoss() < h.get(lowest).valLoss()) {
                lowest = i;
            }
        }
        assertEquals(lowest + 1, m.results().bestEpoch(), "the first epoch of the lowest validation loss");
        assertEquals(h.get(lowest).valAcc(), m.results().bestValAcc(), "best_val_acc: that epoch's accuracy");
        CheckpointStore store = new CheckpointStore(tmp.resolve("checkpoints"));
        assertEquals(lowest + 1, CheckpointStore.readMetadata(store.bestPath("loss")).epoch(),
                "the best checkpoint is that epoch's model");
        if (m.results().stoppedEarly()) {
            assertEquals(m.results().bestEpoch() + 2, m.results().epochsCompleted(), "patience 2");
            assertEquals("early stopping: val_loss (min) has not improved on " + h.get(lowest).valLoss()
                    + " (epoch " + (lowest + 1) + ") for 2 epochs (patience 2)", m.results().stopReason());
        } else {
            assertTrue(m.results().epochsCompleted() - m.results().bestEpoch() < 2);
        }
        JsonNode json = Json.mapper().readTree(tmp.resolve("results/loss_results.json").toFile());
        assertEquals("val_loss", json.at("/train_config/monitor").asText());
        assertEquals("min", json.at("/train_config/mode").asText());
        String header = Files.readAllLines(tmp.resolve("results/loss_history.csv")).get(0);
        assertTrue(header.startsWith("epoch,train_loss,train_acc,val_loss,val_acc,val_weighted_f1,worst_class_f1,"
                + "learning_rate,seconds,f1_class_0"), "a loop measure adds no column: " + header);
    }

    @Test
    void aMonitoredMetricOutsideTheHistoryIsRecordedThere(@TempDir Path tmp) throws Exception {
        Path data = TinyRun.data(tmp.resolve("data"));
        TrainConfig c = TinyRun.config().toBuilder().epochs(2).monitor("val_macro_f1").build();
        TrainedModel m = Trainer.train(TinyRun.request(data, tmp, "macro", c));
        List<String> csv = Files.readAllLines(tmp.resolve("results/macro_history.csv"));
        assertTrue(csv.get(0).startsWith("epoch,train_loss,train_acc,val_loss,val_acc,val_weighted_f1,worst_class_f1,"
                + "val_macro_f1,learning_rate,seconds,f1_class_0"), csv.get(0));
        EpochRecord first = m.results().history().epochs().get(0);
        double macro = first.value("val_macro_f1");
        assertFalse(Double.isNaN(macro));
        assertEquals(String.valueOf(macro), csv.get(1).split(",")[7]);
        assertTrue(macro >= 0 && macro <= 100, "a percentage: " + macro);
        JsonNode json = Json.mapper().readTree(tmp.resolve("results/macro_results.json").toFile());
        assertEquals(macro, json.at("/history/0/val_macro_f1").asDouble(), 0.0, "the results' history has it too");
    }

    @Test
    void aResumeWithAnotherMonitorIsRefusedNamingBoth(@TempDir Path tmp) {
        Path data = TinyRun.data(tmp.resolve("data"));
        Trainer.train(TinyRun.request(data, tmp, "m", TinyRun.config().toBuilder().epochs(1).build()));
        TrainConfig loss = TinyRun.config().toBuilder().epochs(2).monitor("val_loss").build();
        RunRefusedException e = assertThrows(RunRefusedException.class, () -> Trainer.train(
                TinyRun.request(data, tmp, "m", loss).withResume(ResumeFrom.latest())));
        assertTrue(e.getMessage().contains("the run's best epoch and patience are by monitor val_acc (max), this"
                + " run asks for val_loss (min); resume with --monitor val_acc"), e.getMessage());
        // The same monitor resumes (its mode written out or implied alike).
        TrainedModel resumed = Trainer.train(TinyRun.request(data, tmp, "m", TinyRun.config().toBuilder().epochs(2)
                .monitor("val_acc").build()).withResume(ResumeFrom.latest()));
        assertEquals(2, resumed.results().epochsCompleted());
    }

    /**
     * A metric a library caller adds to the registry drives early stopping and the best checkpoint. Its values
     * are set per epoch (5, 3, 4, 4, lower is better), so what the run decides can only come from it: best epoch 2,
     * stop after epoch 4 with patience 2, whatever the validation accuracy did.
     */
    @Test
    void aLibraryMetricDrivesEarlyStoppingAndTheBestCheckpoint(@TempDir Path tmp) throws Exception {
        Path data = TinyRun.data(tmp.resolve("data"));
        double[] perEpoch = {5, 3, 4, 4, 0, 0};
        AtomicInteger calls = new AtomicInteger();
        // Called once per epoch for the history, then for the plain and TTA test reports.
        MetricRegistry metrics = MetricRegistry.builtIn().with(Metric.scalar("spread", Direction.MIN,
                s -> perEpoch[Math.min(calls.getAndIncrement(), perEpoch.length - 1)]));
        TrainConfig c = TinyRun.config().toBuilder().epochs(6).patience(2).monitor("val_spread").build();
        TrainedModel m = Trainer.train(TinyRun.request(data, tmp, "lib", c).withMetrics(metrics));

        List<EpochRecord> h = m.results().history().epochs();
        assertEquals(List.of(5.0, 3.0, 4.0, 4.0), h.stream().map(r -> r.value("val_spread")).toList());
        assertEquals(2, m.results().bestEpoch());
        assertEquals(h.get(1).valAcc(), m.results().bestValAcc(), "best_val_acc: that epoch's accuracy");
        assertEquals(4, m.results().epochsCompleted());
        assertTrue(m.results().stoppedEarly());
        assertEquals("early stopping: val_spread (min) has not improved on 3.0 (epoch 2) for 2 epochs (patience 2)",
                m.results().stopReason());
        CheckpointStore store = new CheckpointStore(tmp.resolve("checkpoints"));
        assertEquals(2, CheckpointStore.readMetadata(store.bestPath("lib")).epoch(),
                "the best checkpoint is that epoch's model");
        assertEquals(new Monitor("val_spread", Direction.MIN),
                CheckpointStore.readMetadata(store.lastPath("lib")).trainConfig().monitored(),
                "the checkpoint records the monitor and its decided mode");
        JsonNode json = Json.mapper().readTree(tmp.resolve("results/lib_results.json").toFile());
        assertEquals("val_spread", json.at("/train_config/monitor").asText());
        assertEquals("min", json.at("/train_config/mode").asText());
        assertTrue(Files.readAllLines(tmp.resolve("results/lib_history.csv")).get(0).contains(",val_spread,"));
    }

    /**
     * A run by a library metric resumes with a registry that has it; without it, or with another monitor, the
     * resume is refused in one line naming the monitor, before anything is written.
     */
    @Test
    void aRunByALibraryMetricResumesOnlyWithThatMetric(@TempDir Path tmp) throws Exception {
        Path data = TinyRun.data(tmp.resolve("data"));
        MetricRegistry metrics = MetricRegistry.builtIn().with(Metric.scalar("spread", Direction.MIN, s -> 1.0));
        TrainConfig c = TinyRun.config().toBuilder().epochs(1).monitor("val_spread").build();
        Trainer.train(TinyRun.request(data, tmp, "lib", c).withMetrics(metrics));
        TrainingRequest more = TinyRun.request(data, tmp, "lib", c.toBuilder().epochs(2).build())
                .withResume(ResumeFrom.latest());
        Path last = new CheckpointStore(tmp.resolve("checkpoints")).lastPath("lib");
        long written = Files.getLastModifiedTime(last).toMillis();

        RunRefusedException without = assertThrows(RunRefusedException.class, () -> Trainer.train(more));
        assertTrue(without.getMessage().startsWith("train config: monitor = \"val_spread\", expected one of"
                + " train_loss, train_acc, val_loss, val_acc,"), without.getMessage());
        assertEquals(1, without.getMessage().lines().count());
        RunRefusedException other = assertThrows(RunRefusedException.class, () -> Trainer.train(
                more.withTrainConfig(TinyRun.config().toBuilder().epochs(2).build()).withMetrics(metrics)));
        assertTrue(other.getMessage().contains("the run's best epoch and patience are by monitor val_spread (min),"
                + " this run asks for val_acc (max)"), other.getMessage());
        assertEquals(written, Files.getLastModifiedTime(last).toMillis(), "the refused resumes wrote nothing");

        TrainedModel resumed = Trainer.train(more.withMetrics(metrics));
        assertEquals(2, resumed.results().epochsCompleted());
        assertEquals(1, resumed.results().bestEpoch(), "a constant never strictly improves on epoch 1");
    }

    /** For the built-in metrics an unknown monitor is refused as the configuration refused it, writing nothing. */
    @Test
    void anUnknownMonitorIsRefusedWhenTheRunStarts(@TempDir Path tmp) {
        TrainConfig c = TinyRun.config().toBuilder().monitor("val_accuracy").build();
        RunRefusedException e = assertThrows(RunRefusedException.class,
                () -> Trainer.train(TinyRun.request(tmp.resolve("no-data"), tmp, "m", c)));
        assertEquals("train config: monitor = \"val_accuracy\", expected one of train_loss, train_acc, val_loss,"
                + " val_acc, val_weighted_f1, worst_class_f1, val_macro_f1, val_balanced_accuracy,"
                + " val_top_k_accuracy, val_roc_auc_ovr_macro, val_log_loss, val_brier, val_ece", e.getMessage());
        assertFalse(Files.exists(tmp.resolve("checkpoints")), "refused before anything is read or written");
    }
}
