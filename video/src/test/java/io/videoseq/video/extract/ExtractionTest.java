package io.videoseq.video.extract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.videoseq.data.FeatureFile;
import io.videoseq.data.ReadMode;
import io.videoseq.data.Split;
import io.videoseq.video.TestAssets;
import io.videoseq.video.backbone.KerasBackbone;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real videos through the real MobileNetV2 into split files; bad videos skipped; a killed run resumed. */
class ExtractionTest {
    static KerasBackbone backbone;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        backbone = KerasBackbone.load(TestAssets.backbone(), TestAssets.LAYER, TestAssets.preprocessing());
    }

    private Path list() throws Exception {
        Path videos = TestAssets.require().resolve("videos");
        Files.writeString(dir.resolve("not-a-video.mp4"), "hello");
        String csv = "path,label,split\n"
                + videos.resolve("realshort.mp4") + ",imageio,train\n"
                + videos.resolve("g1.avi") + ",meca,train\n"
                + "not-a-video.mp4,meca,train\n"
                + videos.resolve("Principe_inertie.avi") + ",meca,val\n"
                + "missing.mp4,imageio,val\n"
                + videos.resolve("Effet_force_magnetique.ogv") + ",meca,test\n";
        Path f = dir.resolve("videos.csv");
        Files.writeString(f, csv);
        return f;
    }

    @Test
    void extractsSkipsBadVideosAndRecordsTheBackbone() throws Exception {
        VideoList list = VideoList.read(list(), 1);
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        List<String> skipped = new ArrayList<>();
        VideoFeatures vf = new VideoFeatures(backbone, FrameSampling.of(4, false));
        ExtractionResult r = new Extraction(vf).run(list, out, new ExtractionListener() {
            @Override
            public void videoSkipped(int i, int n, Path video, String reason) {
                skipped.add(reason);
            }
        });
        assertEquals(2, r.skipped().size());
        assertEquals(2, skipped.size());
        assertTrue(skipped.get(0).startsWith(dir.resolve("not-a-video.mp4") + ": FFmpeg cannot open it"),
                skipped.get(0));
        assertTrue(skipped.get(1).startsWith(dir.resolve("missing.mp4") + ": expected a readable video file,"
                + " found no such file"), skipped.get(1));
        assertEquals(2, r.videos().get(Split.TRAIN));
        assertFalse(Files.exists(out.resolve(FeatureCache.DIR)), "the cache is removed at the end");
        try (FeatureFile train = FeatureFile.open(r.files().get(Split.TRAIN), ReadMode.PER_VIDEO)) {
            assertEquals(1280, train.featureDim());
            assertEquals(4, train.maxFrames());
            assertArrayEquals(new int[] {4, 4}, train.lengths());
            assertArrayEquals(new int[] {0, 1}, train.labels());
            ExtractionRecord rec = ExtractionRecord.fromJson(train.featureExtractor().orElseThrow());
            assertEquals(backbone.identity(), rec.backbone());
            assertEquals(FrameSampling.of(4, false), rec.sampling());
            assertEquals(List.of("imageio", "meca"), rec.classNames());
            assertArrayEquals(vf.of(TestAssets.video("realshort.mp4")).values(), train.read(0).values());
        }
        try (FeatureFile test = FeatureFile.open(r.files().get(Split.TEST), ReadMode.PER_VIDEO)) {
            assertEquals(1, test.size());
        }
    }

    @Test
    void aKilledRunResumesFromTheVideosItFinished() throws Exception {
        VideoList list = VideoList.read(list(), 1);
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Extraction ex = new Extraction(new VideoFeatures(backbone, FrameSampling.of(2, false)));
        RuntimeException kill = new RuntimeException("killed");
        assertThrows(RuntimeException.class, () -> ex.run(list, out, new ExtractionListener() {
            @Override
            public void videoDone(int i, int n, Path video, int frames, int run, boolean cached, double s) {
                if (i == 1) {
                    throw kill;
                }
            }
        }));
        assertFalse(Files.exists(out.resolve("train_features.h5")), "no split file before every video was tried");
        int[] resumed = new int[2];
        List<Boolean> cachedFlags = new ArrayList<>();
        ex.run(list, out, new ExtractionListener() {
            @Override
            public void started(int videos, int alreadyDone) {
                resumed[0] = videos;
                resumed[1] = alreadyDone;
            }

            @Override
            public void videoDone(int i, int n, Path video, int frames, int run, boolean cached, double s) {
                cachedFlags.add(cached);
            }
        });
        assertArrayEquals(new int[] {6, 2}, resumed);
        assertEquals(List.of(true, true, false, false), cachedFlags);
        assertTrue(Files.exists(out.resolve("train_features.h5")));
    }

    @Test
    void multiscaleRunsEachNeededFrameOnceAndWritesTheMultiscaleFiles() throws Exception {
        VideoFeatures vf = new VideoFeatures(backbone, FrameSampling.of(3, true));
        VideoFeatures.Result r = vf.of(TestAssets.video("g1.avi"));
        assertEquals(3, r.frames());
        assertEquals(16, r.decodedFrames());
        assertEquals(vf.sampling().neededFrames(16).length, r.backboneFrames());
        assertEquals("_multiscale", new Extraction(vf).suffix());
    }

    /**
     * Frames are preprocessed as they are decoded and run in batches while decoding, and the features are
     * bit for bit those of the old path (every frame decoded at full size, then {@code Backbone.features}), which
     * BackboneGoldenTest pins to TensorFlow.js. 20 and 3 x 20 frames: full batches of 8 and a partial one.
     */
    @Test
    void streamedFeaturesEqualThoseOfFullSizeFramesBitForBit() {
        java.nio.file.Path video = TestAssets.video("balle1-vp9.avi");
        for (boolean multiscale : new boolean[] {false, true}) {
            VideoFeatures vf = new VideoFeatures(backbone, FrameSampling.of(20, multiscale));
            VideoFeatures.Result streamed = vf.of(video);
            int decoded = io.videoseq.video.decode.VideoDecoder.countFrames(video);
            int[] needed = vf.sampling().neededFrames(decoded);
            float[][] whole = backbone.features(io.videoseq.video.decode.VideoDecoder.frames(video, needed));
            assertArrayEquals(vf.sampling().combine(decoded, needed, whole), streamed.values(),
                    "multiscale " + multiscale);
            assertEquals(needed.length, streamed.backboneFrames());
        }
    }

    /** The library path behind classify takes the caller's limits, and the caller's interrupt stops it. */
    @Test
    void videoFeaturesHonourTheCallersLimitsAndInterrupt() {
        java.nio.file.Path video = TestAssets.video("balle1-vp9.avi");
        io.videoseq.video.decode.VideoLimits tenFrames =
                io.videoseq.video.decode.VideoLimits.DEFAULT.withMaxDecodedFrames(10);
        VideoFeatures vf = new VideoFeatures(backbone, FrameSampling.of(4, false), tenFrames);
        assertEquals(tenFrames, vf.limits());
        io.videoseq.video.decode.VideoLimitException e = assertThrows(
                io.videoseq.video.decode.VideoLimitException.class, () -> vf.of(video));
        assertEquals(video + ": expected at most 10 decoded frames (max_decoded_frames, --max-video-frames), found"
                + " more", e.getMessage());
        VideoFeatures unbounded = new VideoFeatures(backbone, FrameSampling.of(4, false));
        Thread.currentThread().interrupt();
        try {
            assertThrows(io.videoseq.video.decode.DecodeInterruptedException.class, () -> unbounded.of(video));
            assertTrue(Thread.currentThread().isInterrupted(), "the flag stays set for the caller");
        } finally {
            Thread.interrupted();
        }
    }
}
