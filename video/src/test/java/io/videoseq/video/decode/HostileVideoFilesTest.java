package io.videoseq.video.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In the library: files from strangers that crashed (SIGSEGV), hung or exhausted the machine, each refused
 * in one line naming the file, before FFmpeg reads anything but the file itself.
 */
class HostileVideoFilesTest {
    @TempDir
    Path dir;

    private VideoDecodeException refused(Path file) {
        VideoDecodeException e = assertThrows(VideoDecodeException.class, () -> VideoDecoder.countFrames(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertEquals(-1, e.getMessage().indexOf('\n'), e.getMessage());
        assertFalse(e.getMessage().contains("called"), "no JavaCV hints: " + e.getMessage());
        return e;
    }

    @Test
    void anFfconcatListNamingItselfIsRefusedNotACrash() throws Exception {
        Path x = TestVideos.ffconcat(dir.resolve("x.mp4"), "x.mp4", 1);
        assertTrue(refused(x).getMessage().contains("found FFmpeg format 'concat'"));
    }

    @Test
    void anFfconcatListRepeatingAClipIsRefused() throws Exception {
        TestVideos.small(dir.resolve("clip.avi"), 5);
        Path list = TestVideos.ffconcat(dir.resolve("many.mp4"), "clip.avi", 20_000);
        assertTrue(refused(list).getMessage().contains("found FFmpeg format 'concat'"));
    }

    @Test
    void hlsPlaylistsAreRefusedLiveOrPointingElsewhere() throws Exception {
        Path live = TestVideos.liveHls(dir.resolve("live.m3u8"), "seg0.ts");
        assertTrue(refused(live).getMessage().contains("found FFmpeg format 'hls'"), refused(live).getMessage());
        Path elsewhere = TestVideos.small(dir.resolve("secret.avi"), 3);
        Path abs = TestVideos.hls(dir.resolve("abs.m3u8"), elsewhere.toAbsolutePath().toString());
        assertTrue(refused(abs).getMessage().contains("found FFmpeg format 'hls'"));
        // Named like a video: FFmpeg 5.0's probe goes by the bytes (#EXTM3U), so does the refusal.
        Path disguised = TestVideos.hls(dir.resolve("abs.mp4"), elsewhere.toAbsolutePath().toString());
        assertTrue(refused(disguised).getMessage().contains("found FFmpeg format 'hls'"));
    }

    @Test
    void aHugeFrameIsRefusedBeforeAnyFrameIsDecoded() throws Exception {
        Path big = TestVideos.clip(dir.resolve("big.avi"), 640, 480, 2, "mpeg4", "avi");
        VideoLimits limits = VideoLimits.DEFAULT.withMaxPixels(640 * 480 - 1);
        VideoLimitException e = assertThrows(VideoLimitException.class,
                () -> VideoDecoder.countFrames(big, VideoDeadline.start(limits)));
        assertEquals(big + ": expected at most 307199 pixels per frame (max_pixels, --max-video-pixels), found"
                + " 640 x 480 = 307200", e.getMessage());
        AtomicInteger seen = new AtomicInteger();
        assertThrows(VideoLimitException.class, () -> VideoDecoder.decode(big, new int[] {0},
                VideoDeadline.start(limits), f -> seen.incrementAndGet()));
        assertEquals(0, seen.get());
        assertEquals(2, VideoDecoder.countFrames(big, VideoDeadline.start(limits.withMaxPixels(640 * 480))));
    }

    @Test
    void theDefaultCapRefusesAn8192By8192Clip() throws Exception {
        Path big = TestVideos.clip(dir.resolve("huge.avi"), 8192, 8192, 1, "mjpeg", "avi");
        VideoLimitException e = assertThrows(VideoLimitException.class, () -> VideoDecoder.countFrames(big));
        assertTrue(e.getMessage().endsWith("found 8192 x 8192 = 67108864"), e.getMessage());
    }

    /**
     * A raw H.264 stream that declares 64 x 48 and switches to 640 x 480 mid-way (a second SPS): the declared size
     * passes the check, and FFmpeg's decoder, given the cap as {@code max_pixels}, drops every larger frame.
     */
    @Test
    void aStreamThatGrowsMidWayDecodesNoFrameOverTheCap() throws Exception {
        Path small = TestVideos.clip(dir.resolve("a.h264"), 64, 48, 10, "libopenh264", "h264");
        Path large = TestVideos.clip(dir.resolve("b.h264"), 640, 480, 10, "libopenh264", "h264");
        Path grows = dir.resolve("grows.h264");
        java.nio.file.Files.write(grows, java.nio.file.Files.readAllBytes(small));
        java.nio.file.Files.write(grows, java.nio.file.Files.readAllBytes(large),
                java.nio.file.StandardOpenOption.APPEND);
        assertEquals(20, VideoDecoder.countFrames(grows));
        VideoLimits cap = VideoLimits.DEFAULT.withMaxPixels(64 * 48);
        assertEquals(10, VideoDecoder.countFrames(grows, VideoDeadline.start(cap)));
        AtomicInteger over = new AtomicInteger();
        VideoDecoder.decode(grows, java.util.stream.IntStream.range(0, 10).toArray(), VideoDeadline.start(cap),
                f -> over.addAndGet(f.width() * f.height() > 64 * 48 ? 1 : 0));
        assertEquals(0, over.get());
    }

    @Test
    void framesPastTheCapAreRefusedInEitherPass() throws Exception {
        Path v = TestVideos.small(dir.resolve("ten.avi"), 10);
        VideoLimits nine = VideoLimits.DEFAULT.withMaxDecodedFrames(9);
        VideoLimitException e = assertThrows(VideoLimitException.class,
                () -> VideoDecoder.countFrames(v, VideoDeadline.start(nine)));
        assertEquals(v + ": expected at most 9 decoded frames (max_decoded_frames, --max-video-frames), found more",
                e.getMessage());
        assertThrows(VideoLimitException.class,
                () -> VideoDecoder.decode(v, new int[] {9}, VideoDeadline.start(nine), f -> { }));
        assertEquals(10, VideoDecoder.countFrames(v, VideoDeadline.start(nine.withMaxDecodedFrames(10))));
    }

    @Test
    void aSymbolicLinkLoopIsNamedAsOne() throws Exception {
        Path loop = TestVideos.symlinkLoop(dir, "loop.mp4");
        assertEquals(loop + ": expected a readable video file, found a symbolic link loop", refused(loop).getMessage());
    }

    @Test
    void ffmpegErrorsAreItsReasonWithoutJavaCvHints() {
        String javacv = "avformat_open_input() error -1094995529: Could not open input \"/t/x.mp4\". (Has setFormat()"
                + " been called?) (For more details, make sure FFmpegLogCallback.set() has been called.)";
        assertEquals("Invalid data found when processing input", FFmpegErrors.reason(javacv, "?"));
        assertEquals("Could not grab: No AVFormatContext.", FFmpegErrors.reason(
                "Could not grab: No AVFormatContext. (Has start() been called?)", "?"));
        assertEquals("Exception", FFmpegErrors.reason(null, "Exception"));
    }
}
