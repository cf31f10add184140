package io.videoseq.data;

import io.videoseq.data.FeatureFileException.Reason;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureFileWriterTest {
    @TempDir
    Path dir;

    private static float[] video(int len, int dim, int seed) {
        float[] x = new float[len * dim];
        for (int k = 0; k < x.length; k++) {
            x[k] = seed + k * 0.25f;
        }
        return x;
    }

    @Test
    void writesWhatFeatureFileReadsBackWithTheExtractorRecord() {
        Path f = dir.resolve("train_features.h5");
        int[] lengths = {3, 5, 1};
        new FeatureFileWriter(4, 6, Map.of("cat", 1, "dog", 0), true, "{\"backbone\":{\"layer\":\"x\"}}")
                .write(f, lengths, new int[] {0, 1, 1}, i -> video(lengths[i], 4, i + 1));
        try (FeatureFile file = FeatureFile.open(f, ReadMode.PER_VIDEO)) {
            assertEquals(3, file.size());
            assertEquals(4, file.featureDim());
            assertEquals(6, file.maxFrames());
            assertTrue(file.multiScale());
            assertEquals(Map.of("dog", 0, "cat", 1), file.categoryMapping());
            assertArrayEquals(new int[] {0, 1, 1}, file.labels());
            assertArrayEquals(lengths, file.lengths());
            assertEquals("{\"backbone\":{\"layer\":\"x\"}}", file.featureExtractor().orElseThrow());
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(video(lengths[i], 4, i + 1), file.read(i).values());
            }
        }
    }

    @Test
    void unlabeledFileWithoutRecordAndOldFilesHaveNoExtractor() {
        Path f = dir.resolve("new.h5");
        new FeatureFileWriter(2, 2, Map.of("a", 0), false, null).write(f, new int[] {2}, null, i -> video(2, 2, 1));
        try (FeatureFile file = FeatureFile.open(f, ReadMode.PER_VIDEO)) {
            assertFalse(file.hasLabels());
            assertTrue(file.featureExtractor().isEmpty());
        }
        Path synthetic = dir.resolve("s");
        SyntheticDataWriter.write(synthetic, SyntheticDataSpec.small(1));
        try (FeatureFile file = FeatureFile.open(FeatureSplits.path(synthetic, Split.TRAIN, ""), ReadMode.PER_VIDEO)) {
            assertTrue(file.featureExtractor().isEmpty());
        }
    }

    @Test
    void refusesBadInputWithoutLeavingAFile() {
        Path f = dir.resolve("bad.h5");
        FeatureFileWriter w = new FeatureFileWriter(2, 3, Map.of("a", 0), false, null);
        assertThrows(IllegalArgumentException.class, () -> w.write(f, new int[] {4}, null, i -> video(4, 2, 1)));
        assertThrows(RuntimeException.class, () -> w.write(f, new int[] {2}, null, i -> video(3, 2, 1)));
        assertFalse(Files.exists(f));
        assertThrows(IllegalArgumentException.class,
                () -> new FeatureFileWriter(2, 3, Map.of("a", 0, "b", 2), false, null));
    }

    @Test
    void anExtractorAttributeThatIsNotAJsonObjectIsRefused() {
        Path f = dir.resolve("x.h5");
        new FeatureFileWriter(2, 2, Map.of("a", 0), false, "not json").write(f, new int[] {1}, null,
                i -> video(1, 2, 1));
        FeatureFileException e = Refusals.thrown(Reason.INVALID_ATTRIBUTE,
                () -> FeatureFile.open(f, ReadMode.PER_VIDEO));
        assertTrue(e.getMessage().contains("feature_extractor"), e.getMessage());
    }
}
