package io.videoseq.video.extract;

import io.videoseq.video.Backbone;
import io.videoseq.video.FrameFeatures;
import io.videoseq.video.backbone.KerasBackbone;
import io.videoseq.video.decode.VideoDeadline;
import io.videoseq.video.decode.VideoDecoder;
import io.videoseq.video.decode.VideoLimits;
import java.nio.file.Path;

/**
 * One video file to its feature sequence: count the decoded frames, decode the frames the {@link FrameSampling}
 * needs, preprocessing each as it is decoded and running them through the {@link Backbone} in batches
 * ({@link FrameFeatures}), combine the speeds. Each video is bounded by the {@link VideoLimits} (its wall time
 * covers both decoding passes and the backbone); the calling thread's interrupt stops it at the next frame.
 */
public final class VideoFeatures {
    /** Frames per backbone call: KerasBackbone's batch, so streamed features equal {@code features(List)}'s. */
    static final int BATCH = KerasBackbone.DEFAULT_BATCH;

    private final Backbone backbone;
    private final FrameSampling sampling;
    private final VideoLimits limits;

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

    /** With {@link VideoLimits#DEFAULT}. */
    public VideoFeatures(Backbone backbone, FrameSampling sampling) {
        this(backbone, sampling, VideoLimits.DEFAULT);
    }

    public VideoFeatures(Backbone backbone, FrameSampling sampling, VideoLimits limits) {
        if (backbone == null || sampling == null || limits == null) {
            throw new IllegalArgumentException("backbone, sampling, limits: expected all three, found " + backbone
                    + ", " + sampling + ", " + limits);
        }
        this.backbone = backbone;
        this.sampling = sampling;
        this.limits = limits;
    }

    public FrameSampling sampling() {
        return sampling;
    }

    public Backbone backbone() {
        return backbone;
    }

    public VideoLimits limits() {
        return limits;
    }

    /**
     * @throws io.videoseq.video.decode.VideoDecodeException naming the file when it cannot be decoded or is past a
     *                                                       bound ({@link io.videoseq.video.decode.VideoLimitException})
     * @throws io.videoseq.video.decode.DecodeInterruptedException when the thread is interrupted
     */
    public Result of(Path video) {
        VideoDeadline deadline = VideoDeadline.start(limits);
        int decoded = VideoDecoder.countFrames(video, deadline);
        int[] needed = sampling.neededFrames(decoded);
        FrameFeatures features = new FrameFeatures(backbone, needed.length, BATCH);
        VideoDecoder.decode(video, needed, deadline, features);
        int steps = sampling.steps(decoded);
        // ND4J frees the native memory of the backbone's temporaries only when the collector reaches their small Java
        // objects, which a decode loop allocating little rarely triggers: 18 short videos took RSS to 7.7 GB (1 GB
        // heap), growing with every video; one collection per video (seconds of work each) kept it at 3.3 GB.
        System.gc();
        return new Result(sampling.combine(decoded, needed, features.features()), steps, backbone.featureDim(),
                decoded, needed.length);
    }
}
