package io.videoseq.video.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFormatsTest {
    @TempDir
    Path dir;

    @Test
    void namesTheDemuxerFFmpegWouldPickFromTheBytesNotTheName() throws Exception {
        assertEquals("avi", InputFormats.detect(TestVideos.small(dir.resolve("clip.mp4"), 3)));
        assertEquals("concat", InputFormats.detect(TestVideos.ffconcat(dir.resolve("x.mp4"), "x.mp4", 1)));
        assertEquals("hls", InputFormats.detect(TestVideos.liveHls(dir.resolve("live.m3u8"), "seg0.ts")));
        assertNull(InputFormats.detect(Files.writeString(dir.resolve("empty.mp4"), "")));
    }

    /** FFmpeg enforces the list itself: the probe above only names what it refuses. */
    @Test
    void ffmpegItselfRefusesFormatsAndProtocolsOffTheList() throws Exception {
        Path clip = TestVideos.small(dir.resolve("clip.avi"), 3);
        Path list = TestVideos.ffconcat(dir.resolve("list.txt"), "clip.avi", 2);
        assertEquals(-22, startError(list.toString()), "format_whitelist: EINVAL");
        assertEquals(0, startError(clip.toString()));
        assertEquals(0, startError("file:" + clip), "the file protocol by name");
        // protocol_whitelist: concat's own protocol (files one after another) and the network are refused at once.
        assertEquals(-22, startError("concat:" + clip + "|" + clip));
        assertEquals(-22, startError("http://127.0.0.1:9/clip.avi"));
    }

    /** The error code of the grabber's start with the whitelist options, 0 when it opens. */
    private static int startError(String url) throws Exception {
        try (org.bytedeco.javacv.FFmpegFrameGrabber g = new org.bytedeco.javacv.FFmpegFrameGrabber(url)) {
            for (String[] o : InputFormats.FFMPEG_OPTIONS) {
                g.setOption(o[0], o[1]);
            }
            try {
                g.start();
                return 0;
            } catch (org.bytedeco.javacv.FFmpegFrameGrabber.Exception x) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("error (-?\\d+)").matcher(x.getMessage());
                return m.find() ? Integer.parseInt(m.group(1)) : -1;
            }
        }
    }

    @Test
    void onlyContainerFormatsAreAllowed() {
        assertTrue(InputFormats.allowed("mov,mp4,m4a,3gp,3g2,mj2"));
        assertTrue(InputFormats.allowed("matroska,webm"));
        assertTrue(InputFormats.allowed("avi"));
        for (String refused : new String[] {"concat", "hls", "dash", "image2", "lavfi", "tee", "asf_o", "mpjpeg",
            "png_pipe", "v4l2", null}) {
            assertFalse(InputFormats.allowed(refused), refused);
        }
    }
}
