package io.videoseq.video.window;

import io.videoseq.inference.VideoClassifier;
import io.videoseq.inference.timeline.SegmentRule;
import io.videoseq.inference.timeline.Timeline;
import io.videoseq.inference.timeline.WindowListener;
import io.videoseq.inference.timeline.WindowScoring;
import io.videoseq.inference.timeline.WindowSpec;
import io.videoseq.video.Backbone;
import io.videoseq.video.RgbFrame;
import io.videoseq.video.backbone.KerasBackbone;
import io.videoseq.video.decode.TimedFrameConsumer;
import io.videoseq.video.decode.VideoDeadline;
import io.videoseq.video.decode.VideoDecoder;
import io.videoseq.video.decode.VideoLimits;
import io.videoseq.video.extract.FrameSampling;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * A long video as a timeline: decoded once, in time order ({@link VideoDecoder#decodeTimed}), its sliding windows
 * assembled from the frames they take ({@link WindowAssembler}) and each scored as a clip by the
 * {@link VideoClassifier} (the one scorer: members, TTA) as soon as its last frame has been decoded, then told to a
 * {@link WindowListener}; the segments come at the end. A timeline is bounded by its progress, not its length
 * ({@link WindowLimits}: wall time and frames until the next window is decided, the stream's duration, an optional
 * total wall time), so a recording of hours passes and a file that stops advancing does not; of the
 * {@link VideoLimits}, the pixels per frame apply.
 */
public final class WindowedVideo {
    private final VideoClassifier classifier;
    private final Backbone backbone;
    private final WindowSampling sampling;
    private final VideoLimits limits;
    private final WindowLimits windowLimits;

    /** Bounded by {@link WindowLimits#DEFAULT}. */
    public WindowedVideo(VideoClassifier classifier, Backbone backbone, FrameSampling sampling, WindowSpec spec,
                         VideoLimits limits) {
        this(classifier, backbone, sampling, spec, limits, WindowLimits.DEFAULT);
    }

    /** @param limits only its {@code max_pixels} applies: {@code windowLimits} replace its whole-file bounds */
    public WindowedVideo(VideoClassifier classifier, Backbone backbone, FrameSampling sampling, WindowSpec spec,
                         VideoLimits limits, WindowLimits windowLimits) {
        if (sampling.maxFrames() > classifier.maxFrames()) {
            throw new IllegalArgumentException("frames per window: expected at most " + classifier.maxFrames()
                    + " (the classifier's limit), found " + sampling.maxFrames());
        }
        this.classifier = classifier;
        this.backbone = backbone;
        this.sampling = new WindowSampling(spec, sampling);
        this.limits = limits;
        this.windowLimits = windowLimits;
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
        return timeline(video, rule, listener, (deadline, frames) -> VideoDecoder.decodeTimed(video, deadline, frames));
    }

    /**
     * A video read from a stream as it arrives ({@link VideoDecoder#decodeTimed(InputStream, Path, VideoDeadline,
     * TimedFrameConsumer)}: a streamable container), each window told to {@code listener} while the rest is still
     * being received; the stream is not closed.
     *
     * @param name what messages call the video
     */
    public Timeline timeline(InputStream in, Path name, SegmentRule rule, WindowListener listener) {
        return timeline(name, rule, listener, (deadline, frames) -> VideoDecoder.decodeTimed(in, name, deadline,
                frames));
    }

    /** The one pass over a file or a stream: the decoded frames to {@code frames}, the video's end returned. */
    private interface Pass {
        double decode(VideoDeadline deadline, TimedFrameConsumer frames);
    }

    private Timeline timeline(Path video, SegmentRule rule, WindowListener listener, Pass pass) {
        VideoDeadline deadline = VideoDeadline.start(windowLimits.decoderLimits(limits));
        WindowProgress progress = new WindowProgress(video, windowLimits, System::nanoTime);
        WindowScoring scoring = new WindowScoring(classifier, w -> {
            progress.decided(w.index());
            listener.window(w);
        });
        WindowAssembler assembler = new WindowAssembler(sampling, backbone, KerasBackbone.DEFAULT_BATCH, scoring);
        double end = pass.decode(deadline, new TimedFrameConsumer() {
            @Override
            public boolean wants(int index, double seconds) {
                progress.frame(index, seconds);
                return assembler.wants(index, seconds);
            }

            @Override
            public void accept(RgbFrame frame, double seconds) {
                assembler.accept(frame, seconds);
            }
        });
        assembler.finish(end);
        return scoring.timeline(end, rule);
    }
}
