package io.videoseq.training.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.videoseq.data.FeatureFile;
import io.videoseq.data.FeatureFileWriter;
import io.videoseq.data.FeatureSplits;
import io.videoseq.data.ReadMode;
import io.videoseq.data.Split;
import io.videoseq.training.checkpoint.CheckpointMetadata;
import io.videoseq.training.checkpoint.CheckpointStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The features' backbone record travels from the feature files into every checkpoint. */
class FeatureExtractorRecordTest {
    static final String RECORD = "{\"format\":\"videoseq-extract-1\",\"backbone\":{\"layer\":\"flatten_1\"}}";

    @TempDir
    Path tmp;

    /** TinyRun's synthetic files rewritten with a feature_extractor attribute ({@code val}'s may differ). */
    private Path data(String valRecord) {
        Path plain = TinyRun.data(tmp.resolve("plain"));
        Path out = tmp.resolve("with-record");
        for (Split s : Split.values()) {
            try (FeatureFile f = FeatureFile.open(FeatureSplits.path(plain, s, ""), ReadMode.IN_MEMORY)) {
                new FeatureFileWriter(f.featureDim(), f.maxFrames(), f.categoryMapping(), false,
                        s == Split.VAL ? valRecord : RECORD)
                        .write(FeatureSplits.path(out, s, ""), f.lengths(), f.labels(), i -> f.read(i).values());
            }
        }
        return out;
    }

    @Test
    void checkpointsCarryTheRecordAndFilesWithoutOneGiveNone() throws Exception {
        Path data = data(RECORD);
        Trainer.train(TinyRun.request(data, tmp, "rec", TinyRun.config().toBuilder().epochs(1).build()));
        CheckpointStore store = new CheckpointStore(tmp.resolve("checkpoints"));
        CheckpointMetadata best = CheckpointStore.readMetadata(store.bestPath("rec"));
        assertEquals(new ObjectMapper().readTree(RECORD), best.featureExtractor());
        assertEquals(new ObjectMapper().readTree(RECORD),
                CheckpointStore.readMetadata(store.lastPath("rec")).featureExtractor());

        try (TrainingData plain = TrainingData.open(tmp.resolve("plain"), TinyRun.config())) {
            assertNull(plain.featureExtractor());
        }
    }

    @Test
    void splitsOfDifferentBackbonesAreRefused() {
        Path data = data(RECORD.replace("flatten_1", "out_relu"));
        RunRefusedException e = assertThrows(RunRefusedException.class,
                () -> TrainingData.open(data, TinyRun.config()));
        assertTrue(e.getMessage().startsWith(data.resolve("val_features.h5") + ": attribute feature_extractor:"
                + " expected the one of " + data.resolve("train_features.h5")), e.getMessage());
        assertTrue(e.getMessage().contains("different backbones"), e.getMessage());
    }
}
