package io.videoseq.video.window;

import io.videoseq.video.decode.VideoLimitException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress bounds of one timeline ({@link WindowLimits}), checked before each decoded frame is used: the stream
 * time it has reached, the frames and the wall time since the last window was decided. The clock is a parameter so
 * the bounds are tested without hours of decoding.
 */
final class WindowProgress {
    private final Path file;
    private final WindowLimits limits;
    private final LongSupplier nanoTime;
    private long since;
    private long frames;
    private long decided;

    WindowProgress(Path file, WindowLimits limits, LongSupplier nanoTime) {
        this.file = file;
        this.limits = limits;
        this.nanoTime = nanoTime;
        this.since = nanoTime.getAsLong();
    }

    /**
     * Frame {@code index} at {@code seconds} of stream time has been decoded; called before it is used.
     *
     * @throws VideoLimitException past a bound, naming the file, the bound, its option and what was found
     */
    void frame(int index, double seconds) {
        if (seconds > limits.maxDuration()) {
            throw new VideoLimitException(file, String.format(Locale.ROOT, "expected at most %s s of video"
                    + " (max_duration, --max-video-duration), found frame %d at %.1f s", number(limits.maxDuration()),
                    index, seconds));
        }
        if (++frames > limits.maxWindowFrames()) {
            throw new VideoLimitException(file, String.format(Locale.ROOT, "expected at most %d decoded frames"
                    + " per window (max_window_frames, --max-window-frames), found more at frame %d (%.3f s) %s",
                    limits.maxWindowFrames(), index, seconds, since()));
        }
        long elapsed = nanoTime.getAsLong() - since;
        if (elapsed > (long) (limits.maxWindowSeconds() * 1e9)) {
            throw new VideoLimitException(file, String.format(Locale.ROOT, "expected each window decided within"
                    + " %s s (max_window_seconds, --max-window-seconds), found none for %.1f s at frame %d"
                    + " (%.3f s) %s", number(limits.maxWindowSeconds()), elapsed / 1e9, index, seconds, since()));
        }
    }

    /**
     * Window {@code index} was decided: the frame and wall-time budgets start again.
     *
     * @throws VideoLimitException when it took longer than the bound (its backbone or model hung)
     */
    void decided(long index) {
        long elapsed = nanoTime.getAsLong() - since;
        if (elapsed > (long) (limits.maxWindowSeconds() * 1e9)) {
            throw new VideoLimitException(file, String.format(Locale.ROOT, "expected each window decided within"
                    + " %s s (max_window_seconds, --max-window-seconds), found window %d decided after %.1f s",
                    number(limits.maxWindowSeconds()), index, elapsed / 1e9));
        }
        decided++;
        frames = 0;
        since = nanoTime.getAsLong();
    }

    private String since() {
        return decided == 0 ? "before the first window" : "after window " + (decided - 1);
    }

    private static String number(double s) {
        return s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s);
    }
}
