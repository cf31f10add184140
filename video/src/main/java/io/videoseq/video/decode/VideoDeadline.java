package io.videoseq.video.decode;

import java.nio.file.Path;
import java.util.Locale;

/**
 * One video's budget in time, started when its processing starts and shared by its passes. {@link #check} is called
 * between decoded frames: FFmpegFrameGrabber 1.5.7 sets no {@code AVIOInterruptCB} on its format context (it
 * allocates that context inside {@code start()}), so Java cannot stop a native call midway; it stops before the
 * next frame, and the bounds on pixels per frame keep each frame's decode short.
 */
public final class VideoDeadline {
    private final VideoLimits limits;
    private final long start;

    private VideoDeadline(VideoLimits limits, long start) {
        this.limits = limits;
        this.start = start;
    }

    public static VideoDeadline start(VideoLimits limits) {
        return new VideoDeadline(limits, System.nanoTime());
    }

    public VideoLimits limits() {
        return limits;
    }

    /**
     * @throws DecodeInterruptedException when this thread was interrupted (its flag stays set)
     * @throws VideoLimitException        when the video's wall time is used up
     */
    public void check(Path file, int frame) {
        if (Thread.currentThread().isInterrupted()) {
            throw new DecodeInterruptedException(file, frame);
        }
        long elapsed = System.nanoTime() - start;
        if (elapsed > limits.maxWallTime().toNanos()) {
            throw new VideoLimitException(file, String.format(Locale.ROOT, "expected to be done within %s s"
                    + " (max_seconds, --max-video-seconds), found still running at frame %d after %.1f s",
                    seconds(limits.maxSeconds()), frame, elapsed / 1e9));
        }
    }

    static String seconds(double s) {
        return s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s);
    }
}
