package io.videoseq.training.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.videoseq.training.TrainConfig;
import io.videoseq.training.checkpoint.CheckpointStore;
import io.videoseq.training.history.EpochRecord;
import io.videoseq.training.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
}
