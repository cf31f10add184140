package io.videoseq.app.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feature files from strangers, through the real command line in a child JVM ({@link HostileCli}): exit 2, one line,
 * bounded time and memory. Each hostile file is a few KB written here; before these checks the first cost 15.7 GB.
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
        Path f = HostileH5.write(dir.resolve("train_features.h5"), 1_000_000_000L, 30, 16, 0, 0);
        assertTrue(Files.size(f) < 16_384, Files.size(f) + " bytes");
        report(HostileCli.run("inspect", f.toString()).assertRefused(f.toString(), "attribute num_videos",
                "at most 10000000", "found 1000000000"));
    }

    @Test
    void aBillionDeclaredVideosAreRefusedByTrain() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        for (String split : new String[] {"train", "val", "test"}) {
            HostileH5.write(data.resolve(split + "_features.h5"), 1_000_000_000L, 30, 16, 0, 0);
        }
        report(HostileCli.run("train", "--features-dir", data.toString(), "--model-name", "m",
                "--output-dir", dir.resolve("ckpt").toString(), "--results-dir", dir.resolve("res").toString())
                .assertRefused("train_features.h5", "attribute num_videos", "found 1000000000"));
    }

    @Test
    void videosDeclaredUnderTheCapButNeverWrittenAreRefused() throws Exception {
        Path f = HostileH5.write(dir.resolve("f.h5"), 9_000_000, 30, 16, 0, 0);
        report(HostileCli.run("inspect", f.toString()).assertRefused(f.toString(), "labels", "9000000 videos",
                "never written"));
    }

    @Test
    void aMillionFramesPerVideoAreRefusedNamingTheLimit() throws Exception {
        Path f = HostileH5.write(dir.resolve("f.h5"), 4, 1_000_000, 2048, 4, 1_000_000, false);
        report(HostileCli.run("inspect", f.toString()).assertRefused(f.toString(), "attribute max_frames",
                "at most 10000 frames", "--max-frames-limit", "found 1000000"));
        // Raised, the frames must still be stored: 4 videos of 10^6 frames x 2048 floats counted, none written.
        report(HostileCli.run("inspect", "--max-frames-limit", "1000000", f.toString()).assertRefused(f.toString(),
                "features", "4000000 real frames x 2048 features", "never written"));
    }

    @Test
    void aMillionRealFramesPerVideoValidateInBoundedMemoryWhenTheLimitIsRaised() throws Exception {
        // 2 videos x 10^6 frames x 4 features, all 1.0: 32 MB of values in a few KB of gzip, 4 read blocks a video.
        Path f = HostileH5.write(dir.resolve("f.h5"), 2, 1_000_000, 4, 2, 1_000_000);
        HostileCli.Outcome o = HostileCli.run("inspect", "--max-frames-limit", "1000000", f.toString());
        report(o);
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().contains("max frames   1000000"), o.out());
        assertTrue(o.peakRss() < HostileCli.MAX_RSS, (o.peakRss() >> 20) + " MB");
    }

    @Test
    void aTruncatedFileIsOneLineWithoutHdf5Diagnostics() throws Exception {
        Path whole = HostileH5.write(dir.resolve("whole.h5"), 20, 30, 16, 20, 30);
        byte[] bytes = Files.readAllBytes(whole);
        Path f = Files.write(dir.resolve("cut.h5"), Arrays.copyOf(bytes, bytes.length / 2));
        HostileCli.Outcome o = HostileCli.run("inspect", f.toString()).assertRefused(f.toString(), "truncated");
        assertFalse(o.err().contains("HDF5-DIAG") || o.out().contains("HDF5-DIAG"), o.err() + o.out());
        report(o);
    }

    @Test
    void aTruncatedBackboneIsOneLineWithoutHdf5Diagnostics() throws Exception {
        // DL4J's Keras import opens the .h5 itself; the library-wide HDF5 setting must be made before it does.
        Path whole = HostileH5.write(dir.resolve("whole.h5"), 20, 30, 16, 20, 30);
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
        Path f = HostileH5.write(dir.resolve("f.h5"), 20, 30, 16, 20, 30);
        HostileH5.claimHugeFirstChunks(f);
        report(HostileCli.run("inspect", f.toString()).assertRefused(f.toString(), "storage within the file's",
                "bytes of storage"));
    }

    /** The measurements the issue asks for, in the test log. */
    private static void report(HostileCli.Outcome o) {
        System.out.println("hostile " + String.join(" ", o.args()) + ": exit " + o.exit() + ", "
                + o.wall().toMillis() + " ms, peak RSS " + (o.peakRss() >> 20) + " MB");
    }
}
