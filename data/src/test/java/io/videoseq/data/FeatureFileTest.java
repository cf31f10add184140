package io.videoseq.data;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FeatureFileTest {
    private static final List<String> FIXTURES = List.of("train_features_multiscale.h5",
            "val_features_multiscale.h5", "test_features_multiscale.h5");

    @TempDir
    Path dir;

    /** Values must be exactly what h5py reads (float32 compared bit for bit, sums to rounding of the sum). */
    @ParameterizedTest
    @EnumSource(ReadMode.class)
    void readsH5pyFixturesExactly(ReadMode mode) {
        JsonNode expected = Resources.json("features/expected_values.json");
        for (String name : FIXTURES) {
            JsonNode e = expected.get(name);
            Path p = Resources.copy("features/" + name, dir);
            try (FeatureFile f = FeatureFile.open(p, mode)) {
                assertEquals(e.get("num_videos").asInt(), f.size());
                assertEquals(e.get("max_frames").asInt(), f.maxFrames());
                assertEquals(e.get("feature_dim").asInt(), f.featureDim());
                assertEquals(e.get("multi_scale").asBoolean(), f.multiScale());
                assertEquals(Map.of("walk", 0, "run", 1, "jump", 2, "fall", 3), f.categoryMapping());
                assertEquals(List.of("walk", "run", "jump", "fall"), List.copyOf(f.categoryMapping().keySet()));
                assertEquals(4, f.numClasses());
                for (int i = 0; i < f.size(); i++) {
                    assertEquals(e.get("labels").get(i).asInt(), f.label(i));
                    assertEquals(e.get("num_frames").get(i).asInt(), f.length(i));
                    Sequence s = f.read(i);
                    assertEquals(f.length(i), s.length());
                    assertEquals(f.label(i), s.label());
                    double sum = 0;
                    double squares = 0;
                    for (float v : s.values()) {
                        sum += v;
                        squares += (double) v * v;
                    }
                    assertEquals(e.get("sums").get(i).asDouble(), sum, 1e-9 * (1 + Math.abs(sum)), name + " " + i);
                    assertEquals(e.get("sums_of_squares").get(i).asDouble(), squares, 1e-9 * squares);
                }
                e.get("full_values").fields().forEachRemaining(entry -> {
                    Sequence s = f.read(Integer.parseInt(entry.getKey()));
                    JsonNode rows = entry.getValue();
                    assertEquals(rows.size(), s.length());
                    for (int t = 0; t < s.length(); t++) {
                        for (int d = 0; d < s.featureDim(); d++) {
                            assertEquals((float) rows.get(t).get(d).asDouble(), s.value(t, d));
                        }
                    }
                });
                f.validateAll();
            }
        }
    }

    @Test
    void summaryCountsClassesAndLengths() {
        JsonNode e = Resources.json("features/expected_values.json").get("train_features_multiscale.h5");
        try (FeatureFile f = FeatureFile.open(Resources.copy("features/train_features_multiscale.h5", dir),
                ReadMode.PER_VIDEO)) {
            FileSummary s = f.summary();
            int[] counts = new int[4];
            int min = Integer.MAX_VALUE;
            int max = 0;
            double total = 0;
            for (int i = 0; i < e.get("labels").size(); i++) {
                counts[e.get("labels").get(i).asInt()]++;
                int n = e.get("num_frames").get(i).asInt();
                min = Math.min(min, n);
                max = Math.max(max, n);
                total += n;
            }
            assertArrayEquals(counts, s.classCounts());
            assertEquals(min, s.minLength());
            assertEquals(max, s.maxLength());
            assertEquals(total / counts.length / (s.videos() / (double) counts.length), s.meanLength(), 1e-12);
            assertEquals(120, s.videos());
            assertTrue(s.multiScale());
        }
    }

    @Test
    void syntheticDataReadsBack() {
        SyntheticDataSpec spec = new SyntheticDataSpec(30, 10, 12, 6, 3, 2, 11, "_x", 5);
        Map<Split, Path> files = SyntheticDataWriter.write(dir, spec);
        assertEquals(dir.resolve("train_features_x.h5"), files.get(Split.TRAIN));
        assertEquals(dir.resolve("test_features_x.h5"), FeatureSplits.path(dir, Split.TEST, "_x"));
        try (FeatureFile f = FeatureFile.open(files.get(Split.TRAIN), ReadMode.PER_VIDEO);
             FeatureFile g = FeatureFile.open(files.get(Split.TEST), ReadMode.IN_MEMORY)) {
            assertEquals(30, f.size());
            assertEquals(12, g.size());
            assertEquals(6, f.featureDim());
            assertEquals(List.of("walk", "run", "jump"), List.copyOf(f.categoryMapping().keySet()));
            assertTrue(f.multiScale());
            int maxLen = 0;
            for (int i = 0; i < f.size(); i++) {
                assertTrue(f.length(i) >= 2 && f.length(i) <= 11);
                maxLen = Math.max(maxLen, f.length(i));
                assertEquals(f.length(i), f.read(i).length());
            }
            assertEquals(maxLen, f.maxFrames());
            int[] counts = f.summary().classCounts();
            assertTrue(counts[0] > counts[2], "class 0 must be the most frequent: " + java.util.Arrays.toString(counts));
            f.validateAll();
            g.validateAll();
        }
        // same seed, same bytes of data
        Path again = dir.resolve("again");
        SyntheticDataWriter.write(again, spec);
        try (FeatureFile a = FeatureFile.open(files.get(Split.VAL), ReadMode.PER_VIDEO);
             FeatureFile b = FeatureFile.open(FeatureSplits.path(again, Split.VAL, "_x"), ReadMode.PER_VIDEO)) {
            for (int i = 0; i < a.size(); i++) {
                assertArrayEquals(a.read(i).values(), b.read(i).values());
            }
        }
    }

    @Test
    void readAfterCloseFailsAndIndexIsChecked() {
        FeatureFile f = FeatureFile.open(Resources.copy("features/val_features_multiscale.h5", dir),
                ReadMode.PER_VIDEO);
        assertThrows(IndexOutOfBoundsException.class, () -> f.read(f.size()));
        f.close();
        assertThrows(IllegalStateException.class, () -> f.read(0));
        f.close();
    }
}
