package io.videoseq.app.cli;

import io.videoseq.app.UserInputException;
import io.videoseq.video.decode.VideoLimits;
import java.util.Map;
import picocli.CommandLine.Option;

/** The per-video bounds of {@code extract} and {@code classify}, mapped onto a {@link VideoLimits}. */
public final class VideoLimitOptions {
    /** The record's keys as the flags that set them, so a refused value names the flag. */
    private static final Map<String, String> FLAGS = Map.of("max_pixels", "--max-video-pixels",
            "max_decoded_frames", "--max-video-frames", "max_seconds", "--max-video-seconds");

    @Option(names = "--max-video-pixels", paramLabel = "N", description = "Refuse a video whose frames have more"
            + " pixels (width x height; default " + VideoLimits.DEFAULT_MAX_PIXELS + " = 4096 x 4096, 4K fits; at"
            + " most " + VideoLimits.PIXELS_CEILING + ").")
    long maxPixels = VideoLimits.DEFAULT_MAX_PIXELS;

    /** Null when not given: the default depends on the mode (whole videos, or classify's windows). */
    @Option(names = "--max-video-frames", paramLabel = "N", description = "Refuse a video with more frames"
            + " (decoded, per pass; default " + VideoLimits.DEFAULT_MAX_DECODED_FRAMES + "; not with classify"
            + " --window, which bounds frames per window: --max-window-frames).")
    Long maxFrames;

    @Option(names = "--max-video-seconds", paramLabel = "S", description = "Give up on a video after this wall"
            + " time (decoding and backbone; default 300; with classify --window: none, each window within"
            + " --max-window-seconds).")
    Double maxSeconds;

    VideoLimits limits() {
        try {
            return new VideoLimits(maxPixels, maxFrames != null ? maxFrames : VideoLimits.DEFAULT_MAX_DECODED_FRAMES,
                    maxSeconds != null ? maxSeconds : VideoLimits.DEFAULT_MAX_SECONDS);
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
