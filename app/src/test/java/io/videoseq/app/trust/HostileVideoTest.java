package io.videoseq.app.trust;

import static io.videoseq.app.CliRunner.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.videoseq.app.CliRunner;
import io.videoseq.app.ExitCodes;
import io.videoseq.video.TestAssets;
import io.videoseq.video.decode.TestVideos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Video files from strangers, through the real command line in a capped child JVM ({@link HostileCli}):
 * what crashed the JVM (an ffconcat list naming itself: SIGSEGV), hung it (a live HLS playlist, a concat list
 * repeating a clip 20,000 times), read files elsewhere (an HLS playlist with absolute paths) or exhausted memory (an
 * 8192 x 8192 clip) is refused in one line by {@code classify} and skipped by {@code extract}, whose other videos
 * are still extracted (exit 2 at the end, as for any bad video). Every file is made by the test.
 */
class HostileVideoTest {
    private static final String TINY = "{\"model\": {\"hidden_dim\": 8, \"num_lstm_layers\": 1,"
            + " \"num_attention_heads\": 2, \"head_dims\": [8, 8, 8], \"dropout\": 0.1},"
            + " \"training\": {\"batch_size\": 4, \"checkpoint_every\": 1, \"epochs\": 1}}";

    @TempDir
    static Path dir;
    static String backbone;
    static String model;
    static Path selfConcat;
    static Path repeatConcat;
    static Path liveHls;
    static Path absoluteHls;
    static Path huge;
    static Path loop;

    @BeforeAll
    static void makeFilesAndAModelWithARecord() throws Exception {
        backbone = TestAssets.backbone().toString();
        Path videos = TestAssets.require().resolve("videos");
        selfConcat = TestVideos.ffconcat(dir.resolve("x.mp4"), "x.mp4", 1);
        Path clip = TestVideos.small(dir.resolve("clip.avi"), 5);
        repeatConcat = TestVideos.ffconcat(dir.resolve("repeat.mp4"), clip.getFileName().toString(), 20_000);
        liveHls = TestVideos.liveHls(dir.resolve("live.mp4"), "seg0.ts");
        Path secret = TestVideos.small(Files.createDirectories(dir.resolve("elsewhere")).resolve("secret.avi"), 3);
        absoluteHls = TestVideos.hls(dir.resolve("abs.m3u8"), secret.toAbsolutePath().toString());
        huge = TestVideos.clip(dir.resolve("huge.avi"), 8192, 8192, 2, "mjpeg", "avi");
        loop = TestVideos.symlinkLoop(dir, "loop.mp4");

        String csv = "path,label,split\n" + videos.resolve("realshort.mp4") + ",a,train\n"
                + videos.resolve("g1.avi") + ",b,train\n" + videos.resolve("cockatoo.mp4") + ",a,val\n"
                + videos.resolve("Principe_inertie.avi") + ",b,test\n";
        Files.writeString(dir.resolve("good.csv"), csv);
        CliRunner.Run extract = run("extract", "--videos", dir.resolve("good.csv").toString(), "--out",
                dir.resolve("features").toString(), "--backbone", backbone, "--layer", TestAssets.LAYER,
                "--max-frames", "2");
        extract.assertOk();
        Files.writeString(dir.resolve("tiny.json"), TINY);
        run("train", "--features-dir", dir.resolve("features").toString(), "--config",
                dir.resolve("tiny.json").toString(), "--output-dir", dir.resolve("ckpt").toString(), "--results-dir",
                dir.resolve("res").toString(), "--model-name", "v", "--monitor-interval", "60").assertOk();
        model = dir.resolve("ckpt/best_v.zip").toString();
    }

    private static HostileCli.Outcome classify(Path video) throws Exception {
        HostileCli.Outcome o = HostileCli.run("classify", video.toString(), "--model", model, "--backbone", backbone);
        System.out.printf("hostile input: classify %s: exit %d, %d ms, peak RSS %d MB: %s%n", video.getFileName(), o.exit(),
                o.wall().toMillis(), o.peakRss() >> 20, o.line());
        return o;
    }

    @Test
    void anFfconcatListNamingItselfIsOneLineNotASegfault() throws Exception {
        classify(selfConcat).assertRefused("skipped " + selfConcat + ": expected a video file",
                "found FFmpeg format 'concat'");
    }

    @Test
    void aLiveHlsPlaylistIsRefusedInsteadOfWaitedFor() throws Exception {
        classify(liveHls).assertRefused("skipped " + liveHls + ": expected a video file", "found FFmpeg format 'hls'");
    }

    @Test
    void aClipRepeated20000TimesIsRefused() throws Exception {
        classify(repeatConcat).assertRefused(repeatConcat + ": expected a video file", "'concat'");
    }

    @Test
    void an8192By8192ClipIsRefusedBeforeItsFramesAreDecoded() throws Exception {
        classify(huge).assertRefused(huge + ": expected at most 16777216 pixels per frame",
                "--max-video-pixels), found 8192 x 8192 = 67108864");
    }

    /** One batch with every hostile file and one good video: they are listed, the good one is extracted. */
    @Test
    void extractSkipsEveryHostileVideoAndExtractsTheOthers() throws Exception {
        Path good = TestAssets.video("realshort.mp4");
        String csv = "path,label,split\n" + selfConcat + ",a,train\n" + repeatConcat + ",a,train\n" + liveHls
                + ",a,train\n" + absoluteHls + ",b,train\n" + huge + ",b,train\n" + loop + ",b,train\n" + good
                + ",b,train\n";
        Path list = Files.writeString(dir.resolve("hostile.csv"), csv);
        HostileCli.Outcome o = HostileCli.run(Duration.ofSeconds(120), List.of(), "extract", "--videos",
                list.toString(), "--out", dir.resolve("hostile-out").toString(), "--backbone", backbone, "--layer",
                TestAssets.LAYER, "--max-frames", "4", "--multiscale");
        System.out.printf("hostile input: extract batch: exit %d, %d ms, peak RSS %d MB%n", o.exit(), o.wall().toMillis(),
                o.peakRss() >> 20);
        o.assertBatchSkipped(selfConcat + ": expected a video file", repeatConcat + ": expected a video file",
                liveHls + ": expected a video file", absoluteHls + ": expected a video file",
                huge + ": expected at most 16777216 pixels per frame", loop + ": expected a readable video file,"
                        + " found a symbolic link loop");
        assertTrue(o.out().contains("extracted 1 of 7 videos (train 1, val 0, test 0)"), o.out());
        assertTrue(Files.isRegularFile(dir.resolve("hostile-out/train_features_multiscale.h5")));
    }

    /**
     * Frames are resized as they are decoded: 20 frames of 4096 x 4096 (48 MB each in RGB, 1 GB together, more than
     * the child's 768 MB heap, which is how the old list of full-size frames died) are extracted within the caps.
     */
    @Test
    void aLargeClipIsExtractedFrameByFrameWithinTheMemoryCap() throws Exception {
        Path large = TestVideos.clip(dir.resolve("large.avi"), 4096, 4096, 20, "mjpeg", "avi");
        Path list = Files.writeString(dir.resolve("large.csv"), large + ",a,train\n");
        HostileCli.Outcome o = HostileCli.run(Duration.ofSeconds(240), List.of(), "extract", "--videos",
                list.toString(), "--out", dir.resolve("large-out").toString(), "--backbone", backbone, "--layer",
                TestAssets.LAYER, "--max-frames", "20");
        System.out.printf("hostile input: extract 20 frames of 4096 x 4096: exit %d, %d ms, peak RSS %d MB%n", o.exit(),
                o.wall().toMillis(), o.peakRss() >> 20);
        assertEquals(ExitCodes.OK, o.exit(), o.err());
        assertTrue(o.out().contains("extracted 1 of 1 videos"), o.out());
        assertTrue(o.peakRss() < HostileCli.MAX_RSS, "peak RSS " + (o.peakRss() >> 20) + " MB");
    }

    @Test
    void aNulByteInAVideoListIsOneLineNamingTheListAndLine() throws Exception {
        Path list = Files.writeString(dir.resolve("nul.csv"), "path,label\nok.mp4,a\nx\u0000.mp4,b\n");
        HostileCli.Outcome o = HostileCli.run("extract", "--videos", list.toString(), "--out",
                dir.resolve("nul-out").toString(), "--backbone", backbone, "--max-frames", "4");
        o.assertRefused(list + ": line 3: expected no control characters, found U+0000 at character 2");
    }

    @Test
    void videoLimitOptionsAreCheckedNamingTheOption() throws Exception {
        CliRunner.Run r = run("classify", liveHls.toString(), "--model", model, "--backbone", backbone,
                "--max-video-pixels", "0");
        r.assertBadInput("--max-video-pixels: expected an integer in [1, 536870912], found 0");
        assertTrue(r.code() == ExitCodes.BAD_INPUT);
        // Raising the cap lets the huge clip through to decoding (the refusal is the cap's, not FFmpeg's).
        CliRunner.Run raised = run("classify", huge.toString(), "--model", model, "--backbone", backbone,
                "--max-video-pixels", String.valueOf(8192 * 8192), "--max-video-seconds", "0.001");
        assertTrue(raised.err().contains(huge + ": expected to be done within 0.001 s"), raised.err());
    }
}
