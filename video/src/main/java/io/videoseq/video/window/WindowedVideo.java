package io.videoseq.video.window;

import io.videoseq.inference.VideoClassifier;
import io.videoseq.inference.timeline.SegmentRule;
import io.videoseq.inference.timeline.Timeline;
import io.videoseq.inference.timeline.WindowListener;
import io.videoseq.inference.timeline.WindowPrediction;
import io.videoseq.video.Backbone;
import io.videoseq.video.backbone.KerasBackbone;
import io.videoseq.video.decode.VideoDeadline;
import io.videoseq.video.decode.VideoDecoder;
import io.videoseq.video.decode.VideoLimits;
import io.videoseq.video.extract.FrameSampling;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A long video as a timeline: decoded once, in time order ({@link VideoDecoder#decodeTimed}), its sliding windows
 * assembled from the frames they take ({@link WindowAssembler}) and each scored as a clip by the
 * {@link VideoClassifier} (the one scorer: members, TTA) as soon as its last frame has been decoded, then told to a
 * {@link WindowListener}; the segments come at the end. The whole video is bounded by its {@link VideoLimits}
 * (frames decoded, wall time including the backbone and the model, pixels per frame).
 */
public final class WindowedVideo {
    /**
     * Windows scored between collections of ND4J's garbage (see {@link #timeline}): every 64 let the RSS of a
     * 6-minute video climb past 3 GB (about 20 MB per second of video, measured, docs/LONG_VIDEOS.md).
     */
    static final int WINDOWS_PER_GC = 8;

    private final VideoClassifier classifier;
    private final Backbone backbone;
    private final WindowSampling sampling;
    private final VideoLimits limits;

    public WindowedVideo(VideoClassifier classifier, Backbone backbone, FrameSampling sampling, WindowSpec spec,
                         VideoLimits limits) {
        if (sampling.maxFrames() > classifier.maxFrames()) {
            throw new IllegalArgumentException("frames per window: expected at most " + classifier.maxFrames()
                    + " (the classifier's limit), found " + sampling.maxFrames());
        }
        this.classifier = classifier;
        this.backbone = backbone;
        this.sampling = new WindowSampling(spec, sampling);
        this.limits = limits;
    }

    public WindowSampling sampling() {
        return sampling;
    }

    /**
     * @throws io.videoseq.video.decode.VideoDecodeException naming the file when it cannot be decoded or is past a
     *                                                       bound
     * @throws io.videoseq.video.decode.DecodeInterruptedException when the thread is interrupted
     */
    public Timeline timeline(Path video, SegmentRule rule, WindowListener listener) {
        VideoDeadline deadline = VideoDeadline.start(limits);
        List<WindowPrediction> windows = new ArrayList<>();
        WindowAssembler assembler = new WindowAssembler(sampling, backbone, KerasBackbone.DEFAULT_BATCH, a -> {
            VideoClassifier.Prediction p = classifier.predict(a.rows());
            double[] saliency = classifier.saliency(a.rows());
            WindowPrediction w = new WindowPrediction(Math.toIntExact(a.index()), a.start(), a.end(), p,
                    a.stepTimes(), saliency);
            windows.add(w);
            listener.window(w);
            // ND4J frees the native memory of its temporaries only when the collector reaches their small Java
            // objects (VideoFeatures collects once per video for the same reason): without this, RSS grows with
            // the length of the video.
            if (windows.size() % WINDOWS_PER_GC == 0) {
                System.gc();
            }
        });
        double end = VideoDecoder.decodeTimed(video, deadline, assembler);
        assembler.finish(end);
        return Timeline.of(windows, end, rule);
    }
}
