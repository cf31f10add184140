package io.videoseq.training.run;

import io.videoseq.data.ReadMode;
import io.videoseq.data.FeatureFileException.Reason;
import io.videoseq.data.Refusals;
import io.videoseq.data.FeatureFileException;
import io.videoseq.data.ClassCoverage;
import io.videoseq.data.SyntheticDataSpec;
import io.videoseq.data.SyntheticDataWriter;
import io.videoseq.training.TrainConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingDataTest {
    @TempDir
    Path dir;

    private static TrainConfig config(ReadMode mode) {
        return TinyRun.config().toBuilder().readMode(mode).build();
    }

    @Test
    void trainingSplitWithoutAClassIsRefusedUnlessAllowed() {
        // 2 training videos cannot cover 3 classes
        SyntheticDataWriter.write(dir, new SyntheticDataSpec(2, 9, 9, TinyRun.FEATURES, TinyRun.CLASSES, 4, 9, "", 5));
        FeatureFileException e = Refusals.thrown(Reason.MISSING_CLASS,
                () -> TrainingData.open(dir, TinyRun.config(), TinyRun.model()));
        assertEquals(dir.resolve("train_features.h5"), e.file());
        assertEquals("labels", e.entry());
        assertTrue(e.getMessage().contains("\"" + SyntheticDataWriter.className(e.classes()[0]) + "\""),
                e.getMessage());
        TrainConfig allowed = TinyRun.config().toBuilder().allowMissingClasses(true).build();
        try (TrainingData data = TrainingData.open(dir, allowed, TinyRun.model())) {
            assertArrayEquals(e.classes(), ClassCoverage.missing(data.train().labels(), TinyRun.CLASSES));
            for (double w : data.classWeights()) {
                assertTrue(Double.isFinite(w) && w > 0, "class weight " + w);
            }
        }
    }

    @Test
    void zeroFrameVideoIsRefusedAtOpenInEitherReadMode() throws Exception {
        TinyRun.data(dir);
        Path val = dir.resolve("val_features.h5");
        ChunkIndexDamage.dropLastChunks(val, 9, 2);
        for (ReadMode mode : ReadMode.values()) {
            // Before the first epoch, not when the video is first read (for the test split: after the last one).
            FeatureFileException atOpen = Refusals.thrown(Reason.ZERO_FRAMES,
                    () -> TrainingData.open(dir, config(mode), TinyRun.model()), mode.toString());
            assertEquals(val, atOpen.file());
            assertEquals(7, atOpen.videoIndex());
        }
        TrainConfig allowed = config(ReadMode.IN_MEMORY).toBuilder().allowZeroFrames(true).build();
        try (TrainingData data = TrainingData.open(dir, allowed, TinyRun.model())) {
            assertEquals(0f, data.val().read(8).values()[0]);
        }
    }
}
