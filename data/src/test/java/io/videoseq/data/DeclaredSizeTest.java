package io.videoseq.data;

import io.videoseq.data.FeatureFileException.Reason;
import static io.videoseq.data.Refusals.assertOneLine;
import static io.videoseq.data.Refusals.refused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sizes a file declares are checked before they are allocated: the caps of {@link FeatureFileLimits},
 * and storage that must back what a read would produce ({@link DatasetStorage}). Every file here is a few KB that
 * declares far more; before the checks, the first one cost 15.7 GB and an OutOfMemoryError.
 */
class DeclaredSizeTest {
    @TempDir
    Path dir;

    private Path file(DeclaredLayout layout) {
        return layout.write(dir.resolve("f.h5"));
    }

    @Test
    void aBillionDeclaredVideosAreAboveTheCap() throws Exception {
        Path f = file(new DeclaredLayout(1_000_000_000L, 30, 16, 0, 0));
        assertTrue(Files.size(f) < 16_384, Files.size(f) + " bytes");
        refused(Reason.SIZE_LIMIT, f, "attribute num_videos", -1, "at most 10000000 videos",
                "found 1000000000");
    }

    @Test
    void declaredVideosNeverWrittenAreRefusedBeforeTheirFrameCountsAreRead() {
        refused(Reason.LAYOUT_MISMATCH, file(new DeclaredLayout(5_000_000, 30, 16, 0, 0)), "labels", -1,
                "5000000 videos", "never written");
    }

    @Test
    void declaredVideosPartlyWrittenAreRefused() {
        refused(Reason.LAYOUT_MISMATCH, file(new DeclaredLayout(5_000_000, 30, 16, 2048, 3)), "labels",
                -1, "5000000 videos", "partly written");
    }

    @Test
    void framesAboveTheLimitAreRefusedNamingHowToRaiseIt() {
        refused(Reason.SIZE_LIMIT, file(new DeclaredLayout(2, 1_000_000, 16, 0, 0)),
                "attribute max_frames", -1, "at most 10000 frames", "--max-frames-limit", "found 1000000");
    }

    @Test
    void aRaisedLimitStillNeedsTheFramesStored() {
        DeclaredLayout l = new DeclaredLayout(2, 1_000_000, 16, 2, 1_000_000);
        l.featuresWritten = false;
        Path f = file(l);
        FeatureFileException e = Refusals.thrown(Reason.LAYOUT_MISMATCH,
                () -> FeatureFile.open(f, ReadMode.PER_VIDEO, ZeroFramePolicy.REFUSE,
                        new FeatureFileLimits(1_000_000)));
        assertOneLine(e, f, "features", -1, "2000000 real frames x 16 features", "never written");
    }

    @Test
    void aFeatureDimAboveTheCapIsRefused() {
        refused(Reason.SIZE_LIMIT, file(new DeclaredLayout(2, 4, 100_000, 0, 0)), "attribute feature_dim",
                -1, "at most 65536", "found 100000");
    }

    @Test
    void chunksSpanningManyVideosAboveTheCapAreRefused() {
        DeclaredLayout l = new DeclaredLayout(100, 1000, 256, 100, 1);
        l.featuresWritten = false;
        l.frameChunk = 1000;
        l.videoChunk = 100;
        refused(Reason.SIZE_LIMIT, file(l), "features", -1, "chunks of at most 67108864 bytes",
                "chunks of 102400000 bytes");
    }

    @Test
    void longVideosWithinARaisedLimitReadInBlocksExactly() {
        // 20,000 frames x 64 features: 1.28 M values, two read blocks; the NaN lies in the second.
        DeclaredLayout l = new DeclaredLayout(2, 20_000, 64, 2, 20_000);
        Path f = file(l);
        refused(Reason.SIZE_LIMIT, f, "attribute max_frames", -1, "at most 10000 frames");
        FeatureFileLimits raised = new FeatureFileLimits(20_000);
        try (FeatureFile ff = FeatureFile.open(f, ReadMode.PER_VIDEO, ZeroFramePolicy.REFUSE, raised)) {
            assertEquals(0, ff.validateAll().length);
            float[] values = ff.read(1).values();
            assertEquals(20_000 * 64, values.length);
            float[] ones = new float[values.length];
            java.util.Arrays.fill(ones, 1f);
            assertArrayEquals(ones, values);
        }
        l.nanAt = 19_000;
        file(l);
        FeatureFileException e = Refusals.thrown(Reason.NON_FINITE_FEATURE, () -> {
            try (FeatureFile ff = FeatureFile.open(f, ReadMode.PER_VIDEO, ZeroFramePolicy.REFUSE, raised)) {
                ff.validateAll();
            }
        });
        assertOneLine(e, f, "features", 0, "NaN at frame 19000, feature 1");
    }

    @Test
    void aChunkIndexClaimingMoreThanTheFileIsRefused() {
        Path f = new TestLayout().write(dir.resolve("forged.h5"));
        FileBytes b = FileBytes.of(f);
        int leaf = b.btree(1);
        int firstChunkSize = leaf + 24;
        assertTrue(b.int32(firstChunkSize) > 0 && b.int32(firstChunkSize) < 1000, "chunk size "
                + b.int32(firstChunkSize));
        b.put(firstChunkSize, FileBytes.le32(0x7fff0000)).write();
        refused(Reason.TRUNCATED, f, "features", -1, "storage within the file's", "bytes of storage");
    }

    @Test
    void aFilterOtherThanGzipShuffleFletcherIsRefused() {
        // Scale-offset stores a constant in 0 bits: no ratio bound holds for it.
        DeclaredLayout l = new DeclaredLayout(2, 4, 2, 2, 4);
        l.featuresStorage = dcpl -> {
            org.bytedeco.hdf5.global.hdf5.H5Pset_chunk(dcpl, 3, new long[] {1, 4, 2});
            org.bytedeco.hdf5.global.hdf5.H5Pset_scaleoffset(dcpl, org.bytedeco.hdf5.global.hdf5.H5Z_SO_FLOAT_DSCALE,
                    2);
        };
        refused(Reason.LAYOUT_MISMATCH, file(l), "features", -1,
                "only the filters gzip (deflate), shuffle and fletcher32", "filter id 6");
    }

    @Test
    void externalStorageIsRefused() throws Exception {
        // The data of an external dataset live in a file the feature file names: any file the reader can open.
        Path elsewhere = Files.write(dir.resolve("elsewhere.bin"), new byte[2 * 4 * 2 * 4]);
        DeclaredLayout l = new DeclaredLayout(2, 4, 2, 2, 4);
        l.featuresStorage = dcpl -> org.bytedeco.hdf5.global.hdf5.H5Pset_external(dcpl, elsewhere.toString(), 0,
                2 * 4 * 2 * 4);
        refused(Reason.LAYOUT_MISMATCH, file(l), "features", -1, "its data stored in this file",
                "external storage in 1 other file(s)");
    }
}
