package io.videoseq.app.cli;

import io.videoseq.app.UserInputException;
import io.videoseq.video.decode.VideoLimits;
import io.videoseq.video.window.WindowLimits;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The progress bounds of {@code --window} (a long file is bounded by progress, not length), mapped onto a
 * {@link WindowLimits}; an explicit {@code --max-video-seconds} is then the whole file's wall time.
 */
public final class WindowLimitOptions {
    private static final Map<String, String> FLAGS = Map.of("max_window_seconds", "--max-window-seconds",
            "max_window_frames", "--max-window-frames", "max_duration", "--max-video-duration",
            "max_seconds", "--max-video-seconds");

    @Option(names = "--max-window-seconds", paramLabel = "S", description = "With --window: give up on a video"
            + " when no window is decided for this wall time (decoding, backbone and model; default "
            + "${DEFAULT-VALUE}).")
    double maxWindowSeconds = WindowLimits.DEFAULT_MAX_WINDOW_SECONDS;

    @Option(names = "--max-window-frames", paramLabel = "N", description = "With --window: give up on a video"
            + " when this many frames are decoded with no window decided (default ${DEFAULT-VALUE}).")
    long maxWindowFrames = WindowLimits.DEFAULT_MAX_WINDOW_FRAMES;

    @Option(names = "--max-video-duration", paramLabel = "S", description = "With --window: refuse a video longer"
            + " than this, in its own time (default ${DEFAULT-VALUE} = 24 hours).")
    double maxDuration = WindowLimits.DEFAULT_MAX_DURATION;

    boolean anyGiven() {
        return maxWindowSeconds != WindowLimits.DEFAULT_MAX_WINDOW_SECONDS
                || maxWindowFrames != WindowLimits.DEFAULT_MAX_WINDOW_FRAMES
                || maxDuration != WindowLimits.DEFAULT_MAX_DURATION;
    }

    /** @param video the whole-video options: their wall time, if given, bounds the whole file */
    WindowLimits limits(VideoLimitOptions video) {
        if (video.maxFrames != null) {
            throw new UserInputException("--max-video-frames: expected --max-window-frames with --window (a long"
                    + " file is bounded per window, not by its length), found --max-video-frames "
                    + video.maxFrames);
        }
        try {
            return new WindowLimits(maxWindowSeconds, maxWindowFrames, maxDuration,
                    video.maxSeconds != null ? video.maxSeconds : VideoLimits.SECONDS_CEILING);
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            for (Map.Entry<String, String> k : FLAGS.entrySet()) {
                if (m.startsWith(k.getKey() + ":")) {
                    m = k.getValue() + m.substring(k.getKey().length());
                }
            }
            throw new UserInputException(m);
        }
    }
}
