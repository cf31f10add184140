package io.videoseq.data;

import io.videoseq.data.FeatureFileException.Reason;
import static io.videoseq.data.Refusals.assertOneLine;
import static io.videoseq.data.Refusals.refused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Videos whose real frames are all exactly 0: written that way, or read that way through a damaged chunk index. */
class ZeroFramesTest {
    @TempDir
    Path dir;

    /** Video 1 (2 real frames of 2 features) all 0; its padding frames are not, and are never read. */
    private Path oneZeroVideo() {
        TestLayout l = new TestLayout();
        java.util.Arrays.fill(l.features, 8, 12, 0f);
        return l.write(dir.resolve("zero.h5"));
    }

    /**
     * One byte of the chunk index changed: the B-tree leaf of {@code features} (one chunk per video) says it holds 1
     * entry instead of 3, so HDF5 finds no chunk for videos 1 and 2 and returns the fill value, 0, without error.
     */
    private Path damagedChunkIndex() {
        Path file = new TestLayout().write(dir.resolve("tree.h5"));
        FileBytes bytes = FileBytes.of(file);
        int entries = bytes.btree(1) + 6;
        assertEquals(3, bytes.byteAt(entries), "chunks indexed");
        return bytes.put(entries, (byte) 1).write();
    }

    @Test
    void allZeroVideoIsRefusedWhenReadNamingItsVideo() {
        Path file = oneZeroVideo();
        try (FeatureFile f = FeatureFile.open(file, ReadMode.PER_VIDEO)) {
            assertEquals(2, f.read(0).featureDim()); // a single 0 value (video 0, frame 0) is fine
            FeatureFileException e = Refusals.thrown(Reason.ZERO_FRAMES, () -> f.read(1));
            assertOneLine(e, file, "features", 1, "all 2 x 2 values exactly 0", "allow_zero_frames");
            assertArrayEquals(new int[] {1}, e.videos());
            assertEquals(6, f.read(2).values().length);
        }
        refused(Reason.ZERO_FRAMES, file, "features", 1, "non-zero");
        FeatureFileException atOpen = Refusals.thrown(Reason.ZERO_FRAMES,
                () -> FeatureFile.open(file, ReadMode.IN_MEMORY));
        assertEquals(1, atOpen.videoIndex());
    }

    @ParameterizedTest
    @EnumSource(ReadMode.class)
    void allowedZeroVideosAreReadAndListedByValidation(ReadMode mode) {
        try (FeatureFile f = FeatureFile.open(oneZeroVideo(), mode, ZeroFramePolicy.ALLOW)) {
            assertArrayEquals(new float[4], f.read(1).values());
            assertArrayEquals(new int[] {1}, f.validateAll());
        }
        try (FeatureFile f = FeatureFile.open(new TestLayout().write(dir.resolve("ok.h5")), mode,
                ZeroFramePolicy.ALLOW)) {
            assertArrayEquals(new int[0], f.validateAll());
        }
    }

    @Test
    void damagedChunkIndexReadsAsZerosAndIsCaught() {
        Path file = damagedChunkIndex();
        try (FeatureFile f = FeatureFile.open(file, ReadMode.PER_VIDEO, ZeroFramePolicy.ALLOW)) {
            assertEquals(0.5f, f.read(0).values()[1]); // the one chunk still indexed
            assertArrayEquals(new int[] {1, 2}, f.validateAll());
        }
        refused(Reason.ZERO_FRAMES, file, "features", 1, "all 2 x 2 values exactly 0");
    }

    @Test
    void severalVideosAreCountedAndListed() {
        Path file = Path.of("f.h5");
        FeatureFileException e = FeatureFileException.zeroFrameVideos(file, new int[] {1, 2});
        assertOneLine(e, file, "features", 1, "2 videos whose real frames are all exactly 0", "video 1, 2;");
        int[] many = java.util.stream.IntStream.range(5, 30).toArray();
        String m = FeatureFileException.zeroFrameVideos(file, many).getMessage();
        assertTrue(m.contains("25 videos") && m.contains("video 5, 6, 7") && m.contains("14, ...;"), m);
        assertEquals(25, FeatureFileException.zeroFrameVideos(file, many).videos().length);
    }
}
