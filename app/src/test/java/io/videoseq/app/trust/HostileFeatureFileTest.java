package io.videoseq.app.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.videoseq.data.DeclaredLayout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feature files from strangers, through the real command line in a child JVM ({@link HostileCli}): exit 2, one line,
 * bounded time and memory. Each hostile file is a few KB written here (data's {@link DeclaredLayout}); before these
 * checks the first cost 15.7 GB.
 */
class HostileFeatureFileTest {
    @TempDir
    Path dir;

    @Test
    void aFileThatIsNotHdf5IsOneLine() throws Exception {
        Path f = dir.resolve("train_features.h5");
        Files.writeString(f, "not an HDF5 file at all");
        HostileCli.run("inspect", f.toString()).assertRefused(f.toString());
    }

    @Test
    void aBillionDeclaredVideosAreRefusedByInspect() throws Exception {
        Path f = new DeclaredLayout(1_000_000_000L, 30, 16, 0, 0).frameChunk(4096)
                .write(dir.resolve("train_features.h5"));
        assertTrue(Files.size(f) < 16_384, Files.size(f) + " bytes");
        report(HostileCli.run("inspect", f.toString()).assertRefused(f.toString(), "attribute num_videos",
                "at most 10000000", "found 1000000000"));
    }

    @Test
    void aBillionDeclaredVideosAreRefusedByTrain() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        for (String split : new String[] {"train", "val", "test"}) {
            new DeclaredLayout(1_000_000_000L, 30, 16, 0, 0).frameChunk(4096)
                .write(data.resolve(split + "_features.h5"));
        }
        report(HostileCli.run("train", "--features-dir", data.toString(), "--model-name", "m",
                "--output-dir", dir.resolve("ckpt").toString(), "--results-dir", dir.resolve("res").toString())
                .assertRefused("train_features.h5", "attribute num_videos", "found 1000000000"));
    }

    @Test
    void videosDeclaredUnderTheCapButNeverWrittenAreRefused() throws Exception {
        Path f = new DeclaredLayout(9_000_000, 30, 16, 0, 0).frameChunk(4096).write(dir.resolve("f.h5"));
        report(HostileCli.run("inspect", f.toString()).assertRefused(f.toString(), "labels", "9000000 videos",
                "never written"));
    }

    @Test
    void aMillionFramesPerVideoAreRefusedNamingTheLimit() throws Exception {
        Path f = new DeclaredLayout(4, 1_000_000, 2048, 4, 1_000_000).frameChunk(4096)
                .withoutFeatures()
                .write(dir.resolve("f.h5"));
        report(HostileCli.run("inspect", f.toString()).assertRefused(f.toString(), "attribute max_frames",
                "at most 10000 frames", "--max-frames-limit", "found 1000000"));
        // Raised, the frames must still be stored: 4 videos of 10^6 frames x 2048 floats counted, none written.
        report(HostileCli.run("inspect", "--max-frames-limit", "1000000", f.toString()).assertRefused(f.toString(),
                "features", "4000000 real frames x 2048 features", "never written"));
    }

    @Test
    void aMillionRealFramesPerVideoValidateInBoundedMemoryWhenTheLimitIsRaised() throws Exception {
        // 2 videos x 10^6 frames x 4 features, all 1.0: 32 MB of values in a few KB of gzip, 4 read blocks a video.
        Path f = new DeclaredLayout(2, 1_000_000, 4, 2, 1_000_000).frameChunk(4096)
                .write(dir.resolve("f.h5"));
        HostileCli.Outcome o = HostileCli.run("inspect", "--max-frames-limit", "1000000", f.toString());
        report(o);
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().contains("max frames   1000000"), o.out());
        assertTrue(o.peakRss() < HostileCli.MAX_RSS, (o.peakRss() >> 20) + " MB");
    }

    @Test
    void aTruncatedFileIsOneLineWithoutHdf5Diagnostics() throws Exception {
        Path whole = new DeclaredLayout(20, 30, 16, 20, 30).frameChunk(4096).write(dir.resolve("whole.h5"));
        byte[] bytes = Files.readAllBytes(whole);
        Path f = Files.write(dir.resolve("cut.h5"), Arrays.copyOf(bytes, bytes.length / 2));
        HostileCli.Outcome o = HostileCli.run("inspect", f.toString()).assertRefused(f.toString(), "truncated");
        assertFalse(o.err().contains("HDF5-DIAG") || o.out().contains("HDF5-DIAG"), o.err() + o.out());
        report(o);
    }

    @Test
    void aTruncatedBackboneIsOneLineWithoutHdf5Diagnostics() throws Exception {
        // DL4J's Keras import opens the .h5 itself; the library-wide HDF5 setting must be made before it does.
        Path whole = new DeclaredLayout(20, 30, 16, 20, 30).frameChunk(4096).write(dir.resolve("whole.h5"));
        byte[] bytes = Files.readAllBytes(whole);
        Path backbone = Files.write(dir.resolve("backbone.h5"), Arrays.copyOf(bytes, bytes.length / 2));
        Path videos = Files.writeString(dir.resolve("videos.csv"), "path,label\nv.mp4,a\n");
        HostileCli.Outcome o = HostileCli.run("extract", "--videos", videos.toString(), "--out",
                dir.resolve("out").toString(), "--backbone", backbone.toString(), "--max-frames", "4")
                .assertRefused(backbone.toString());
        assertFalse(o.err().contains("HDF5-DIAG") || o.out().contains("HDF5-DIAG"), o.err() + o.out());
        report(o);
    }

    @Test
    void storageLargerThanTheFileIsRefused() throws Exception {
        Path f = new DeclaredLayout(20, 30, 16, 20, 30).frameChunk(4096).write(dir.resolve("f.h5"));
        claimHugeFirstChunks(f);
        report(HostileCli.run("inspect", f.toString()).assertRefused(f.toString(), "storage within the file's",
                "bytes of storage"));
    }

    /** The measurements the issue asks for, in the test log. */
    private static void report(HostileCli.Outcome o) {
        System.out.println("hostile " + String.join(" ", o.args()) + ": exit " + o.exit() + ", "
                + o.wall().toMillis() + " ms, peak RSS " + (o.peakRss() >> 20) + " MB");
    }

    /**
     * Makes every chunk index (version-1 B-tree leaf, node type 1: after the 24-byte header, the first key starts with
     * its chunk's stored size) claim 2 GB for its first chunk: the storage the datasets declare exceeds the file.
     */
    static void claimHugeFirstChunks(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        byte[] tree = "TREE".getBytes(StandardCharsets.US_ASCII);
        int patched = 0;
        for (int i = 0; i <= b.length - 28; i++) {
            if (Arrays.equals(b, i, i + 4, tree, 0, 4) && b[i + 4] == 1 && b[i + 5] == 0) {
                ByteBuffer key = ByteBuffer.wrap(b, i + 24, 4).order(ByteOrder.LITTLE_ENDIAN);
                int size = key.getInt(i + 24);
                assertTrue(size > 0 && size < 1 << 20, "first chunk of " + size + " bytes in " + file);
                key.putInt(i + 24, 0x7fff0000);
                patched++;
            }
        }
        assertTrue(patched == 3, patched + " chunk B-tree leaves in " + file);
        Files.write(file, b);
    }
}
