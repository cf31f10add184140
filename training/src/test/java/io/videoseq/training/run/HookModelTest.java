package io.videoseq.training.run;

import io.videoseq.training.callback.StopSignal;
import io.videoseq.training.callback.TrainingCallback;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import io.videoseq.monitor.MonitorConfig;
import io.videoseq.monitor.ResourceMonitor;
import io.videoseq.monitor.ResourceMonitorListener;
import io.videoseq.training.TrainConfig;
import io.videoseq.training.history.EpochRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one callback model: every hook fires, DL4J listeners get their epoch hooks, callback state resumes. */
class HookModelTest {

    @TempDir
    Path tmp;

    /** Counts epochs it has seen; its count is state that must survive a resume. */
    static final class EpochCounter implements TrainingCallback {
        int epochs;
        int restored = -1;
        final List<String> calls = new ArrayList<>();

        @Override
        public void onRunStart(String modelName, int startEpoch, int totalEpochs, int batchesPerEpoch,
                               int sequencesPerEpoch) {
            calls.add("start " + startEpoch + "/" + totalEpochs + " " + batchesPerEpoch + "x" + sequencesPerEpoch);
        }

        @Override
        public void onEpochStart(String modelName, int epoch) {
            calls.add("epoch " + epoch);
        }

        @Override
        public StopSignal onEpochEnd(EpochRecord record, RunState state) {
            epochs++;
            return StopSignal.CONTINUE;
        }

        @Override
        public void onRunEnd(String modelName, io.videoseq.training.history.TrainingProgress p, String stopReason) {
            calls.add("end " + stopReason);
        }

        @Override
        public String stateKey() {
            return "epoch_counter";
        }

        @Override
        public JsonNode state() {
            return IntNode.valueOf(epochs);
        }

        @Override
        public void restore(JsonNode state) {
            epochs = state.asInt();
            restored = epochs;
        }
    }

    @Test
    void callbacksFireInOrderAndTheirStateSurvivesAResume() {
        Path data = TinyRun.data(tmp.resolve("data"));
        TrainConfig two = TinyRun.config().toBuilder().epochs(2).build();
        EpochCounter first = new EpochCounter();
        Trainer.train(TinyRun.request(data, tmp, "m", two).withCallbacks(List.of(first)));
        assertEquals(List.of("start 1/2 3x20", "epoch 1", "epoch 2", "end completed all 2 epochs"), first.calls);
        assertEquals(-1, first.restored, "a fresh run restores nothing");

        EpochCounter resumed = new EpochCounter();
        Trainer.train(TinyRun.request(data, tmp, "m", two.toBuilder().epochs(4).build())
                .withResume(ResumeFrom.latest()).withCallbacks(List.of(resumed)));
        assertEquals(2, resumed.restored, "the checkpoint held the callback's state");
        assertEquals(4, resumed.epochs);
        assertEquals("start 3/4 3x20", resumed.calls.get(0));
    }

    @Test
    void dl4jListenersGetTheirEpochHooksAndAResourceMonitorRecordsEveryEpoch() throws Exception {
        Path data = TinyRun.data(tmp.resolve("data"));
        int[] starts = {0};
        int[] ends = {0};
        BaseTrainingListener counter = new BaseTrainingListener() {
            @Override
            public void onEpochStart(Model model) {
                starts[0]++;
            }

            @Override
            public void onEpochEnd(Model model) {
                ends[0]++;
            }
        };
        Path log = tmp.resolve("resources.jsonl");
        try (ResourceMonitor monitor = new ResourceMonitor(new MonitorConfig(Duration.ofHours(1), log))) {
            Trainer.train(TinyRun.request(data, tmp, "m", TinyRun.config()).withListeners(
                    List.of(counter, new ResourceMonitorListener(monitor))));
            monitor.stop();
        }
        assertEquals(3, starts[0]);
        assertEquals(3, ends[0]);
        long epochSamples = Files.readAllLines(log).stream().filter(l -> l.contains("\"epoch_end\"")).count();
        assertEquals(3, epochSamples, "one epoch_end sample per epoch");
    }

    @Test
    void aFailingRunIsReportedToEveryCallbackAndRethrown() {
        Path data = TinyRun.data(tmp.resolve("data"));
        IllegalStateException boom = new IllegalStateException("boom");
        List<Throwable> seen = new ArrayList<>();
        TrainingCallback failing = TrainingCallback.of((record, state) -> {
            throw boom;
        });
        TrainingCallback watcher = new TrainingCallback() {
            @Override
            public void onRunFailed(String modelName, Throwable error) {
                seen.add(error);
            }
        };
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Trainer.train(
                TinyRun.request(data, tmp, "f", TinyRun.config()).withCallbacks(List.of(failing, watcher))));
        assertSame(boom, thrown);
        assertEquals(List.of(boom), seen);
        assertTrue(Files.exists(tmp.resolve("checkpoints/f_last.zip")), "epoch 1 was saved before the failure");
    }
}
