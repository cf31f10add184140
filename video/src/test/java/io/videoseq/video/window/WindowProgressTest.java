package io.videoseq.video.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.videoseq.inference.timeline.WindowSpec;
import io.videoseq.video.decode.VideoLimitException;
import io.videoseq.video.decode.VideoLimits;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The progress bounds of a timeline on a simulated clock and stream (no decoding): a 2-hour recording passes by
 * default, a stream that stops advancing or a decoder that stops returning frames does not.
 */
class WindowProgressTest {
    private static final Path FILE = Path.of("long.mp4");

    /** A clock the test moves. */
    private long now;

    private WindowProgress progress(WindowLimits limits) {
        return new WindowProgress(FILE, limits, () -> now);
    }

    /** Frames at {@code fps} for {@code seconds}, each costing {@code nanosPerFrame}, windows decided every stride. */
    private void stream(WindowProgress p, double fps, double seconds, long nanosPerFrame, WindowSpec spec) {
        long next = 0;
        for (int i = 0; i < seconds * fps; i++) {
            double t = i / fps;
            now += nanosPerFrame;
            p.frame(i, t);
            // Window k is decided once its end has been seen.
            while (spec.start(next) + spec.windowSeconds() <= t) {
                p.decided(next++);
            }
        }
    }

    @Test
    void twoHoursAt30FpsPassByDefault() {
        // 216,000 frames: past VideoLimits.DEFAULT's 100,000, and 2 hours of wall time at 33 ms per frame (real
        // time), far past its 300 s; each window is decided within 2 s of wall time.
        stream(progress(WindowLimits.DEFAULT), 30, 7200, 33_000_000L, new WindowSpec(4, 2));
        assertTrue(7200 * 30 > VideoLimits.DEFAULT_MAX_DECODED_FRAMES);
    }

    @Test
    void theDecoderCountsNoFramesAndKeepsTheCallersPixels() {
        VideoLimits caller = VideoLimits.DEFAULT.withMaxPixels(640 * 480).withMaxSeconds(10);
        VideoLimits decoder = WindowLimits.DEFAULT.withMaxSeconds(7200).decoderLimits(caller);
        assertEquals(new VideoLimits(640 * 480, Integer.MAX_VALUE, 7200), decoder);
    }

    @Test
    void aStreamWhoseTimeDoesNotAdvanceIsRefusedAfterMaxWindowFrames() {
        // Frames of 1 x 1 decode in microseconds, so the wall-time bound would take long: the frame count stops it.
        WindowProgress p = progress(WindowLimits.DEFAULT.withMaxWindowFrames(1000));
        VideoLimitException e = assertThrows(VideoLimitException.class, () -> {
            for (int i = 0; ; i++) {
                now += 1000;
                p.frame(i, 0.0);
            }
        });
        assertEquals("long.mp4: expected at most 1000 decoded frames per window (max_window_frames,"
                + " --max-window-frames), found more at frame 1000 (0.000 s) before the first window", e.getMessage());
    }

    @Test
    void aDecoderStuckOnOneFrameIsRefusedAtTheNextFrame() {
        WindowProgress p = progress(WindowLimits.DEFAULT);
        stream(p, 25, 10, 1_000_000L, new WindowSpec(4, 2));
        now += 61_000_000_000L;
        VideoLimitException e = assertThrows(VideoLimitException.class, () -> p.frame(250, 10.0));
        assertEquals("long.mp4: expected each window decided within 60 s (max_window_seconds,"
                + " --max-window-seconds), found none for 61.0 s at frame 250 (10.000 s) after window 2",
                e.getMessage());
    }

    @Test
    void aDecidedWindowRestartsTheBudgets() {
        WindowProgress p = progress(WindowLimits.DEFAULT.withMaxWindowSeconds(1).withMaxWindowFrames(3));
        for (int i = 0; i < 30; i++) {
            now += 900_000_000L;
            p.frame(i, i);
            p.decided(i);
        }
    }

    @Test
    void aWindowDecidedTooLateIsRefused() {
        WindowProgress p = progress(WindowLimits.DEFAULT.withMaxWindowSeconds(1));
        p.frame(0, 0);
        now += 1_500_000_000L;
        VideoLimitException e = assertThrows(VideoLimitException.class, () -> p.decided(0));
        assertEquals("long.mp4: expected each window decided within 1 s (max_window_seconds, --max-window-seconds),"
                + " found window 0 decided after 1.5 s", e.getMessage());
    }

    @Test
    void theStreamsDurationIsBounded() {
        WindowProgress p = progress(WindowLimits.DEFAULT.withMaxDuration(3600));
        p.frame(0, 3600);
        VideoLimitException e = assertThrows(VideoLimitException.class, () -> p.frame(1, 3600.5));
        assertEquals("long.mp4: expected at most 3600 s of video (max_duration, --max-video-duration), found frame 1"
                + " at 3600.5 s", e.getMessage());
    }

    @Test
    void limitsAreValidatedAndRoundTrip() {
        assertEquals(WindowLimits.DEFAULT, WindowLimits.fromJson(WindowLimits.DEFAULT.toJson()));
        assertEquals("{\"max_window_seconds\":60.0,\"max_window_frames\":100000,\"max_duration\":86400.0,"
                + "\"max_seconds\":604800.0}", WindowLimits.DEFAULT.toJson());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WindowLimits.DEFAULT.withMaxWindowSeconds(0));
        assertEquals("max_window_seconds: expected a number in (0, 604800], found 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> WindowLimits.DEFAULT.withMaxWindowFrames(0));
        assertEquals("max_window_frames: expected an integer in [1, 2147483647], found 0", e.getMessage());
    }
}
