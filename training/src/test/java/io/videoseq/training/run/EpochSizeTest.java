package io.videoseq.training.run;

import io.videoseq.training.callback.TrainingCallback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the loop tells the hooks about an epoch's size matches what the epoch delivers. */
class EpochSizeTest {

    @Test
    void runStartGivesTheSequencesEveryEpochDeliversIncludingTheLastPartialBatch(@TempDir Path tmp) {
        Path data = TinyRun.data(tmp.resolve("data")); // 20 training videos; batch 8 gives 8 + 8 + 4
        List<Integer> announced = new ArrayList<>();
        List<List<Integer>> batchesPerEpoch = new ArrayList<>();
        TrainingCallback record = new TrainingCallback() {
            @Override
            public void onRunStart(String modelName, int startEpoch, int totalEpochs, int batchesPerEpoch,
                                   int sequencesPerEpoch) {
                announced.add(sequencesPerEpoch);
            }

            @Override
            public void onEpochStart(String modelName, int epoch) {
                batchesPerEpoch.add(new ArrayList<>());
            }

            @Override
            public void onBatchEnd(long iteration, double loss, int sequences) {
                batchesPerEpoch.get(batchesPerEpoch.size() - 1).add(sequences);
            }
        };
        Trainer.train(TinyRun.request(data, tmp, "size", TinyRun.config().toBuilder().epochs(2).build())
                .withCallbacks(List.of(record)));
        assertEquals(List.of(20), announced, "the training split's size, not 3 batches x 8 = 24");
        assertEquals(List.of(List.of(8, 8, 4), List.of(8, 8, 4)), batchesPerEpoch);
    }
}
