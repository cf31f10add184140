package io.videoseq.video.decode;

import io.videoseq.core.json.JsonMappers;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;

/**
 * How much one video may cost, checked while it is decoded: a video past a bound is refused with a
 * {@link VideoLimitException} naming the file and the bound, and its decoder is closed.
 *
 * @param maxPixels        pixels per frame ({@code width * height}), checked on the stream's declared size before
 *                         any frame is decoded and given to FFmpeg's decoder as {@code max_pixels} (a stream that
 *                         grows mid-way cannot exceed it either); default 4096 x 4096
 * @param maxDecodedFrames frames decoded per pass over the video (counting, then decoding the sampled ones)
 * @param maxSeconds       wall time for the whole video: both passes and the backbone; checked between frames
 */
public record VideoLimits(@JsonProperty("max_pixels") long maxPixels,
                          @JsonProperty("max_decoded_frames") long maxDecodedFrames,
                          @JsonProperty("max_seconds") double maxSeconds) {
    /** 4096 x 4096: 4K UHD (3840 x 2160) and DCI 4K fit, an 8192 x 8192 stream does not. */
    public static final long DEFAULT_MAX_PIXELS = 4096L * 4096;
    /** 100,000 frames: 55 minutes at 30 frames per second. */
    public static final long DEFAULT_MAX_DECODED_FRAMES = 100_000;
    public static final double DEFAULT_MAX_SECONDS = 300;
    /**
     * The largest {@code max_pixels}: one RGB frame must fit a Java array ({@code 3 * pixels < 2^31}) and
     * FFmpeg's {@code max_pixels} option is an int.
     */
    public static final long PIXELS_CEILING = 1L << 29;
    public static final double SECONDS_CEILING = 7 * 24 * 3600;

    public static final VideoLimits DEFAULT = new VideoLimits(DEFAULT_MAX_PIXELS, DEFAULT_MAX_DECODED_FRAMES,
            DEFAULT_MAX_SECONDS);

    private static final ObjectMapper JSON = JsonMappers.plain();

    public VideoLimits {
        if (maxPixels < 1 || maxPixels > PIXELS_CEILING) {
            throw new IllegalArgumentException("max_pixels: expected an integer in [1, " + PIXELS_CEILING
                    + "], found " + maxPixels);
        }
        if (maxDecodedFrames < 1 || maxDecodedFrames > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("max_decoded_frames: expected an integer in [1, "
                    + Integer.MAX_VALUE + "], found " + maxDecodedFrames);
        }
        if (!(maxSeconds > 0) || maxSeconds > SECONDS_CEILING) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "max_seconds: expected a number in (0, %.0f], found %s", SECONDS_CEILING, maxSeconds));
        }
    }

    public Duration maxWallTime() {
        return Duration.ofNanos((long) (maxSeconds * 1e9));
    }

    public VideoLimits withMaxPixels(long pixels) {
        return new VideoLimits(pixels, maxDecodedFrames, maxSeconds);
    }

    public VideoLimits withMaxDecodedFrames(long frames) {
        return new VideoLimits(maxPixels, frames, maxSeconds);
    }

    public VideoLimits withMaxSeconds(double seconds) {
        return new VideoLimits(maxPixels, maxDecodedFrames, seconds);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException("video limits must serialize", e);
        }
    }

    /** @throws IllegalArgumentException naming the key when the JSON is not a valid record */
    public static VideoLimits fromJson(String json) {
        try {
            return JSON.readValue(json, VideoLimits.class);
        } catch (IOException e) {
            Throwable c = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
            throw new IllegalArgumentException("video limits: " + c.getMessage().split("\n")[0], e);
        }
    }
}
