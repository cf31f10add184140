package io.videoseq.video.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.videoseq.video.RgbFrame;
import io.videoseq.video.TestAssets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link VideoDecoder#decodeTimed}: every frame once, in time order, with the stream's own times. */
class TimedDecodeTest {
    /** Records every frame's time and asks for the pixels of every {@code every}-th. */
    private static final class Times implements TimedFrameConsumer {
        final List<Double> times = new ArrayList<>();
        final List<Integer> taken = new ArrayList<>();
        final int every;

        Times(int every) {
            this.every = every;
        }

        @Override
        public boolean wants(int index, double seconds) {
            assertEquals(times.size(), index);
            times.add(seconds);
            return index % every == 0;
        }

        @Override
        public void accept(RgbFrame frame, double seconds) {
            assertEquals(times.get(frame.index()), seconds);
            taken.add(frame.index());
        }
    }

    @Test
    void timesAreTheStreamsAndOnlyWantedFramesAreGiven() {
        Times t = new Times(10);
        double end = VideoDecoder.decodeTimed(TestAssets.video("realshort.mp4"),
                VideoDeadline.start(VideoLimits.DEFAULT), t);
        assertEquals(36, t.times.size());
        assertEquals(0, t.times.get(0));
        assertEquals(1.165888, t.times.get(35), 1e-6, "the pts of the last frame (30.02 fps, 90 kHz time base)");
        assertEquals(1.165888 + (1.165888 - t.times.get(34)), end, 1e-6);
        assertEquals(List.of(0, 10, 20, 30), t.taken);
    }

    @Test
    void brokenTimesStillAdvance() {
        // Packed B-frames in AVI: FFmpeg's best-effort times go 40 ms, 0 ms, ...; each frame must still follow.
        Times t = new Times(1);
        VideoDecoder.decodeTimed(TestAssets.video("Principe_inertie.avi"), VideoDeadline.start(VideoLimits.DEFAULT), t);
        assertEquals(28, t.times.size());
        for (int i = 1; i < t.times.size(); i++) {
            assertTrue(t.times.get(i) > t.times.get(i - 1), "frame " + i + ": " + t.times);
        }
    }

    @Test
    void aFileThatStartsAt10SecondsStartsAt0(@TempDir Path dir) throws Exception {
        Path v = TestVideos.offsetClip(dir.resolve("offset.mp4"), 30, 10, 10);
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(v.toFile())) {
            g.start();
            assertEquals(10_000_000L, g.getFormatContext().start_time(), "the set-up made a file starting at 10 s");
        }
        Times t = new Times(1);
        double end = VideoDecoder.decodeTimed(v, VideoDeadline.start(VideoLimits.DEFAULT), t);
        assertEquals(30, t.times.size());
        for (int i = 0; i < 30; i++) {
            assertEquals(i / 10.0, t.times.get(i), 1e-6, "frame " + i + ": times from the file's start");
        }
        assertEquals(3.0, end, 1e-6);
    }

    @Test
    void theFrameBoundHolds() {
        Path v = TestAssets.video("g1.avi");
        VideoLimitException e = assertThrows(VideoLimitException.class, () -> VideoDecoder.decodeTimed(v,
                VideoDeadline.start(VideoLimits.DEFAULT.withMaxDecodedFrames(5)), new Times(1)));
        assertTrue(e.getMessage().contains("expected at most 5 decoded frames"), e.getMessage());
    }
}
