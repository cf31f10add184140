package io.videoseq.data;

import io.videoseq.data.FeatureFileException.Reason;
import static io.videoseq.data.Refusals.refused;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every validation case of a feature file, each with a file written here; messages are one line. */
class FeatureFileValidationTest {
    @TempDir
    Path dir;

    private Path layout(Consumer<TestLayout> tweak) {
        TestLayout l = new TestLayout();
        tweak.accept(l);
        return l.write(dir.resolve("f.h5"));
    }

    @Test
    void validLayoutOpens() {
        try (FeatureFile f = FeatureFile.open(layout(l -> { }), ReadMode.IN_MEMORY)) {
            assertEquals(3, f.size());
            assertArrayEquals(new float[] {16 * 0.5f, 17 * 0.5f, 18 * 0.5f, 19 * 0.5f, 20 * 0.5f, 21 * 0.5f},
                    f.read(2).values());
            assertFalse(f.multiScale());
        }
    }

    @Test
    void missingFile() {
        refused(Reason.NOT_FOUND, dir.resolve("nope.h5"), "file", -1, "no such file");
    }

    @Test
    void directoryIsNamedAsSuch() throws IOException {
        // a new user's first 'inspect data' passes the folder 'generate' wrote
        refused(Reason.NOT_FOUND, Files.createDirectory(dir.resolve("data")), "file", -1, "a directory");
    }

    @Test
    void notHdf5() throws IOException {
        Path p = Files.writeString(dir.resolve("text.h5"), "video,label\n1,2\n");
        refused(Reason.NOT_HDF5, p, "file", -1, "no HDF5 signature");
    }

    @Test
    void truncated() throws IOException {
        Path good = Resources.copy("features/train_features_multiscale.h5", dir);
        byte[] bytes = Files.readAllBytes(good);
        Path cut = Files.write(dir.resolve("cut.h5"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        refused(Reason.TRUNCATED, cut, "file", -1, "truncated");
    }

    @ParameterizedTest
    @ValueSource(strings = {"features", "num_frames"})
    void missingDataset(String name) {
        refused(Reason.MISSING_ENTRY, layout(l -> l.omit.add(name)), name, -1, name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"num_videos", "max_frames", "feature_dim", "category_mapping", "multi_scale"})
    void missingAttribute(String name) {
        refused(Reason.MISSING_ENTRY, layout(l -> l.omit.add(name)), "attribute " + name, -1, name);
    }

    @Test
    void labelsAreOptional() {
        try (FeatureFile f = FeatureFile.open(layout(l -> l.omit.add("labels")), ReadMode.IN_MEMORY)) {
            assertFalse(f.hasLabels());
            assertEquals(Sequence.UNLABELED, f.read(1).label());
        }
    }

    @Test
    void featuresWrongRank() {
        refused(Reason.LAYOUT_MISMATCH, layout(l -> l.featureDims = new long[] {3, 8}), "features", -1,
                "rank 3", "rank 2");
    }

    @Test
    void labelsLengthDisagrees() {
        refused(Reason.LAYOUT_MISMATCH, layout(l -> l.labels = new long[] {0, 1}), "labels", -1,
                "num_videos = 3", "found 2");
    }

    @Test
    void numFramesLengthDisagrees() {
        refused(Reason.LAYOUT_MISMATCH, layout(l -> l.frames = new int[] {1, 1, 1, 1}), "num_frames", -1,
                "num_videos = 3", "found 4");
    }

    @Test
    void featuresShapeDisagreesWithAttributes() {
        refused(Reason.LAYOUT_MISMATCH, layout(l -> l.featureDim = 3), "features", -1, "feature_dim = 3",
                "found 2");
        refused(Reason.LAYOUT_MISMATCH, layout(l -> l.maxFrames = 5), "features", -1, "max_frames = 5");
        refused(Reason.LAYOUT_MISMATCH, layout(l -> l.numVideos = 4), "features", -1, "num_videos = 4");
    }

    @Test
    void badCategoryMapping() {
        refused(Reason.INVALID_ATTRIBUTE, layout(l -> l.mapping = "{\"a\": 0, \"b\": 0}"),
                "attribute category_mapping", -1, "distinct");
        refused(Reason.INVALID_ATTRIBUTE, layout(l -> l.mapping = "not json"), "attribute category_mapping",
                -1, "unparsable");
    }

    @Test
    void labelOutOfRange() {
        refused(Reason.LABEL_OUT_OF_RANGE, layout(l -> l.labels = new long[] {0, 2, 1}), "labels", 1,
                "[0, 2)", "found 2");
        refused(Reason.LABEL_OUT_OF_RANGE, layout(l -> l.labels = new long[] {0, 1, -1}), "labels", 2,
                "found -1");
    }

    @Test
    void frameCountOutOfRange() {
        refused(Reason.FRAME_COUNT_OUT_OF_RANGE, layout(l -> l.frames = new int[] {4, 0, 3}), "num_frames", 1,
                "[1, 4]", "found 0");
        refused(Reason.FRAME_COUNT_OUT_OF_RANGE, layout(l -> l.frames = new int[] {4, 2, 5}), "num_frames", 2,
                "found 5");
    }

    @Test
    void nonFiniteValueIsReportedWhenTheVideoIsRead() {
        Path p = layout(l -> l.features[1 * 8 + 1 * 2 + 1] = Float.NaN); // video 1, frame 1, feature 1
        try (FeatureFile f = FeatureFile.open(p, ReadMode.PER_VIDEO)) {
            assertEquals(2, f.read(0).featureDim()); // other videos stay readable
            FeatureFileException e = Refusals.thrown(Reason.NON_FINITE_FEATURE, () -> f.read(1));
            assertEquals(1, e.videoIndex());
            assertTrue(e.getMessage().contains("NaN at frame 1, feature 1"), e.getMessage());
        }
        refused(Reason.NON_FINITE_FEATURE, p, "features", 1, "finite");
        // NaN in padding (video 2 has 3 of 4 frames) is never read
        Path padded = layout(l -> l.features[2 * 8 + 3 * 2] = Float.POSITIVE_INFINITY);
        try (FeatureFile f = FeatureFile.open(padded, ReadMode.IN_MEMORY)) {
            f.validateAll();
        }
        FeatureFileException e = Refusals.thrown(Reason.NON_FINITE_FEATURE,
                () -> FeatureFile.open(layout(l -> l.features[0] = Float.NEGATIVE_INFINITY), ReadMode.IN_MEMORY));
        assertEquals(0, e.videoIndex());
    }
}
