package io.videoseq.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.videoseq.app.progress.EpochProgress;
import io.videoseq.app.progress.EpochSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleCallbackTest {

    /** Records the size each epoch's progress is started with. */
    private static final class Sizes implements EpochProgress {
        final List<Long> totals = new ArrayList<>();

        @Override
        public void epochStarted(String modelName, int epoch, int totalEpochs, long sequences) {
            totals.add(sequences);
        }

        @Override
        public void batchDone(int sequencesInBatch, double loss) {
        }

        @Override
        public void epochEnded(EpochSummary summary) {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void progressTotalIsTheEpochsSequenceCountNotBatchesTimesBatchSize(@TempDir Path dir) {
        Sizes progress = new Sizes();
        ConsoleCallback events = new ConsoleCallback(progress, dir, List.of("a", "b"), null, null);
        events.onRunStart("m1", 1, 2, 63, 3000); // 63 batches of 48 would be 3024
        events.onEpochStart("m1", 1);
        events.onEpochStart("m1", 2);
        assertEquals(List.of(3000L, 3000L), progress.totals);
    }
}
