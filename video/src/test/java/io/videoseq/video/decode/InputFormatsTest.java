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
