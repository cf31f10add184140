package io.videoseq.video.window;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.videoseq.core.json.JsonMappers;
import io.videoseq.video.decode.VideoLimits;
import java.io.IOException;
import java.util.Locale;

/**
 * How much a long video may cost in windowed mode ({@link WindowedVideo}), where a file is bounded by its progress
 * rather than by its length: a recording of hours must pass by default, a file that stops advancing must not. The
 * whole-file bounds of {@link VideoLimits} ({@code max_decoded_frames}, {@code max_seconds}) do not apply to a
 * timeline; its {@code max_pixels} does. Memory is bounded by the window assembler whatever these are.
 *
 * @param maxWindowSeconds wall time allowed until the next window is decided (from the start for the first one):
 *                         decoding, backbone and model; a decoder or stream that stops making progress is refused
 *                         this long after the last window
 * @param maxWindowFrames  frames decoded while no window is decided: a stream of tiny frames whose times barely
 *                         advance is refused after this many, however fast each decodes
 * @param maxDuration      the video's length in its own time (seconds of stream, not of wall clock): the windows
 *                         kept for the segments grow with it (default 24 hours, 43,200 windows at a 2 s stride)
 * @param maxSeconds       wall time for the whole file; default none (the ceiling, 7 days): a library caller that
 *                         must answer within a time sets it
 */
public record WindowLimits(@JsonProperty("max_window_seconds") double maxWindowSeconds,
                           @JsonProperty("max_window_frames") long maxWindowFrames,
                           @JsonProperty("max_duration") double maxDuration,
                           @JsonProperty("max_seconds") double maxSeconds) {
    public static final double DEFAULT_MAX_WINDOW_SECONDS = 60;
    public static final long DEFAULT_MAX_WINDOW_FRAMES = 100_000;
    public static final double DEFAULT_MAX_DURATION = 24 * 3600;

    public static final WindowLimits DEFAULT = new WindowLimits(DEFAULT_MAX_WINDOW_SECONDS,
            DEFAULT_MAX_WINDOW_FRAMES, DEFAULT_MAX_DURATION, VideoLimits.SECONDS_CEILING);

    private static final ObjectMapper JSON = JsonMappers.plain();

    public WindowLimits {
        requireSeconds("max_window_seconds", maxWindowSeconds);
        if (maxWindowFrames < 1 || maxWindowFrames > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("max_window_frames: expected an integer in [1, " + Integer.MAX_VALUE
                    + "], found " + maxWindowFrames);
        }
        requireSeconds("max_duration", maxDuration);
        requireSeconds("max_seconds", maxSeconds);
    }

    private static void requireSeconds(String key, double value) {
        if (!(value > 0) || value > VideoLimits.SECONDS_CEILING) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: expected a number in (0, %.0f],"
                    + " found %s", key, VideoLimits.SECONDS_CEILING, value));
        }
    }

    public WindowLimits withMaxWindowSeconds(double seconds) {
        return new WindowLimits(seconds, maxWindowFrames, maxDuration, maxSeconds);
    }

    public WindowLimits withMaxWindowFrames(long frames) {
        return new WindowLimits(maxWindowSeconds, frames, maxDuration, maxSeconds);
    }

    public WindowLimits withMaxDuration(double seconds) {
        return new WindowLimits(maxWindowSeconds, maxWindowFrames, seconds, maxSeconds);
    }

    public WindowLimits withMaxSeconds(double seconds) {
        return new WindowLimits(maxWindowSeconds, maxWindowFrames, maxDuration, seconds);
    }

    /**
     * The {@link VideoLimits} the decoder checks on its own in windowed mode: the caller's pixels, no frame count
     * (the progress bounds count frames per window), this record's total wall time.
     */
    VideoLimits decoderLimits(VideoLimits caller) {
        return new VideoLimits(caller.maxPixels(), Integer.MAX_VALUE, maxSeconds);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException("window limits must serialize", e);
        }
    }

    /** @throws IllegalArgumentException naming the key when the JSON is not a valid record */
    public static WindowLimits fromJson(String json) {
        try {
            return JSON.readValue(json, WindowLimits.class);
        } catch (IOException e) {
            Throwable c = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
            throw new IllegalArgumentException("window limits: " + c.getMessage().split("\n")[0], e);
        }
    }
}
