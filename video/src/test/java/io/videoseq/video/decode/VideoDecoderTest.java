package io.videoseq.video.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.videoseq.video.RgbFrame;
import io.videoseq.video.TestAssets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VideoDecoderTest {
    @TempDir
    Path dir;

    /** Decoded counts (the containers say 256 and 300 for balle-jbart.mp4 and balle1-vp9.avi). */
    @ParameterizedTest
    @CsvSource({"realshort.mp4,36,320,240", "g1.avi,16,400,300", "Effet_force_magnetique.ogv,34,400,304",
        "balle1-vp9.avi,295,320,240"})
    void countsDecodedFramesAndGivesRgbAtTheVideoSize(String name, int frames, int w, int h) {
        Path v = TestAssets.video(name);
        assertEquals(frames, VideoDecoder.countFrames(v));
        List<RgbFrame> f = VideoDecoder.frames(v, new int[] {0, frames - 1});
        assertEquals(List.of(0, frames - 1), f.stream().map(RgbFrame::index).toList());
        assertEquals(w, f.get(0).width());
        assertEquals(h, f.get(0).height());
    }

    /**
     * Frames a few pixels wide: FFmpeg pads each RGB row to its alignment, and JavaCV then reports stride / width
     * "channels" (6 for 16 x 16), which used to refuse the file as not RGB. Every pixel of frame {@code i} must come
     * back as the frame's colour (red 7 i, green 255 - 7 i): row padding read as pixels would not.
     */
    @ParameterizedTest
    @CsvSource({"16,16", "8,6", "2,2", "34,18", "64,48"})
    void narrowFramesDecodeAsRgb(int w, int h) throws Exception {
        Path v = TestVideos.flat(dir.resolve("narrow-" + w + "x" + h + ".avi"), w, h, 12);
        assertEquals(12, VideoDecoder.countFrames(v));
        List<RgbFrame> f = VideoDecoder.frames(v, new int[] {0, 11});
        int[] frameNumber = {0, 11};
        for (int k = 0; k < 2; k++) {
            RgbFrame frame = f.get(k);
            assertEquals(w, frame.width());
            assertEquals(h, frame.height());
            assertEquals(w * h * 3, frame.rgb().length);
            int[] want = {7 * frameNumber[k], 255 - 7 * frameNumber[k], 0};
            for (int p = 0; p < w * h; p++) {
                for (int c = 0; c < 3; c++) {
                    int got = frame.rgb()[3 * p + c] & 0xff;
                    assertTrue(Math.abs(got - want[c]) <= 8, w + "x" + h + " frame " + frameNumber[k] + " pixel " + p
                            + " channel " + c + ": expected ~" + want[c] + ", found " + got);
                }
            }
        }
    }

    @Test
    void badFilesAreOneLineNamingThem() throws Exception {
        Path text = dir.resolve("notes.mp4");
        Files.writeString(text, "not a video");
        VideoDecodeException e = assertThrows(VideoDecodeException.class, () -> VideoDecoder.countFrames(text));
        assertTrue(e.getMessage().startsWith(text + ": FFmpeg cannot open it as a video"), e.getMessage());
        assertEquals(-1, e.getMessage().indexOf('\n'));
        Path missing = dir.resolve("none.mp4");
        e = assertThrows(VideoDecodeException.class, () -> VideoDecoder.countFrames(missing));
        assertEquals(missing + ": expected a readable video file, found no such file", e.getMessage());
        Path v = TestAssets.video("g1.avi");
        e = assertThrows(VideoDecodeException.class, () -> VideoDecoder.frames(v, new int[] {3, 40}));
        assertEquals(v + ": expected frame 40, found only 16 decodable frames", e.getMessage());
    }

    @Test
    void aTruncatedVideoDecodesWhatItHasOrIsRefused() throws Exception {
        Path full = TestAssets.video("realshort.mp4");
        byte[] b = Files.readAllBytes(full);
        Path cut = dir.resolve("cut.mp4");
        Files.write(cut, java.util.Arrays.copyOf(b, 2000));
        VideoDecodeException e = assertThrows(VideoDecodeException.class, () -> VideoDecoder.countFrames(cut));
        assertTrue(e.getMessage().startsWith(cut + ": "), e.getMessage());
    }
}
