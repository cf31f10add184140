package io.videoseq.video.extract;

import io.videoseq.video.Backbone;
import io.videoseq.video.RgbFrame;
import io.videoseq.video.decode.VideoDecoder;
import java.nio.file.Path;
import java.util.List;

/**
 * One video file to its feature sequence: count the decoded frames, decode the frames the {@link FrameSampling}
 * needs, run each once through the {@link Backbone}, combine the speeds.
 */
public final class VideoFeatures {
    private final Backbone backbone;
    private final FrameSampling sampling;

    /** A video's features {@code [frames * featureDim]} row-major, and how many frames were decoded and run. */
    public record Result(float[] values, int frames, int featureDim, int decodedFrames, int backboneFrames) {
        /** The features as {@code [frames][featureDim]}. */
        public float[][] rows() {
            float[][] r = new float[frames][featureDim];
            for (int t = 0; t < frames; t++) {
                System.arraycopy(values, t * featureDim, r[t], 0, featureDim);
            }
            return r;
        }
    }

    public VideoFeatures(Backbone backbone, FrameSampling sampling) {
        this.backbone = backbone;
        this.sampling = sampling;
    }

    public FrameSampling sampling() {
        return sampling;
    }

    public Backbone backbone() {
        return backbone;
    }

    /** @throws io.videoseq.video.decode.VideoDecodeException naming the file when it cannot be decoded */
    public Result of(Path video) {
        int decoded = VideoDecoder.countFrames(video);
        int[] needed = sampling.neededFrames(decoded);
        List<RgbFrame> frames = VideoDecoder.frames(video, needed);
        float[][] features = backbone.features(frames);
        int steps = sampling.steps(decoded);
        return new Result(sampling.combine(decoded, needed, features), steps, backbone.featureDim(), decoded,
                needed.length);
    }
}
