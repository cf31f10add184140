package io.videoseq.inference.timeline;

import io.videoseq.inference.VideoClassifier;
import java.util.List;

/**
 * A long video as a timeline, from per-frame features a caller computes itself (its own backbone, a feature store,
 * a camera pipeline): frames are given in time order with their presentation times, each window is scored as soon
 * as its last moment has been seen and told to the {@link WindowListener}, and {@link #finish} gives the segments.
 * It is what {@code videoseq-video}'s {@code VideoPipeline.timeline} does after decoding and the backbone, with only
 * {@code videoseq-inference} on the class path. Memory is bounded by the open windows' rows ({@link WindowRows}).
 *
 * <pre>{@code
 * FeatureTimeline t = FeatureTimeline.of(classifier, new WindowSpec(4, 2), 16, List.of(1.0),
 *         SegmentRule.forWindow(4), w -> report(w));
 * for (Frame f : frames) t.accept(f.seconds(), f.features());     // in time order
 * Timeline timeline = t.finish(lastSeconds + frameDuration);
 * }</pre>
 *
 * Not thread-safe: one video, one thread. Times must not decrease.
 */
public final class FeatureTimeline {
    private final WindowRows rows;
    private final WindowScoring scoring;
    private final SegmentRule rule;
    private final int featureDim;
    private int next;
    private double last = Double.NEGATIVE_INFINITY;

    private FeatureTimeline(VideoClassifier classifier, WindowMoments moments, SegmentRule rule,
                            WindowListener listener) {
        if (moments.steps() > classifier.maxFrames()) {
            throw new IllegalArgumentException("frames per window: expected at most " + classifier.maxFrames()
                    + " (the classifier's limit), found " + moments.steps());
        }
        this.scoring = new WindowScoring(classifier, listener);
        this.rows = new WindowRows(moments, scoring);
        this.rule = rule;
        this.featureDim = classifier.featureDim();
    }

    /**
     * @param steps  frames per window: the model's frames per video (its feature record's {@code max_frames})
     * @param speeds the model's sampling speeds ({@code [1.0]}, or the original's multi-scale
     *               {@code [1.0, 0.85, 1.15]})
     */
    public static FeatureTimeline of(VideoClassifier classifier, WindowSpec spec, int steps, List<Double> speeds,
                                     SegmentRule rule, WindowListener listener) {
        return new FeatureTimeline(classifier, new WindowMoments(spec, steps, speeds), rule, listener);
    }

    /**
     * The next frame, shown at {@code seconds} from the start of the video, and its features (used only when a
     * window takes the frame; not copied: do not change the array afterwards).
     *
     * @throws IllegalArgumentException when times decrease, a time is not finite, or the features' length is not
     *                                  the classifier's feature dimension
     */
    public void accept(double seconds, float[] features) {
        if (!Double.isFinite(seconds) || seconds < last) {
            throw new IllegalArgumentException("frame " + next + ": expected a time >= " + Math.max(0, last)
                    + " s (frames in time order), found " + seconds);
        }
        if (features.length != featureDim) {
            throw new IllegalArgumentException("frame " + next + ": expected " + featureDim + " features, found "
                    + features.length);
        }
        last = seconds;
        int index = next++;
        if (rows.wants(index, seconds)) {
            rows.features(index, features);
            rows.decide();
        }
    }

    /** Frames whose features are kept for open windows: bounded by the open windows' steps, not the length. */
    int keptFrames() {
        return rows.keptFrames();
    }

    /** The windows scored so far. */
    public List<WindowPrediction> windows() {
        return scoring.windows();
    }

    /**
     * @param end the end of the video in seconds (its last frame's time plus one frame duration)
     * @return the windows and their segments
     */
    public Timeline finish(double end) {
        rows.finish(end);
        return scoring.timeline(end, rule);
    }
}
