package io.videoseq.inference.timeline;

import java.util.List;

/**
 * What a long video holds: its windows, scored in time order, and the segments they make.
 *
 * @param duration the end of the video in seconds (its last frame's time plus one frame duration)
 */
public record Timeline(List<WindowPrediction> windows, List<Segment> segments, double duration) {
    public Timeline {
        windows = List.copyOf(windows);
        segments = List.copyOf(segments);
    }

    public static Timeline of(List<WindowPrediction> windows, double duration, SegmentRule rule) {
        return new Timeline(windows, Segments.of(windows, duration, rule), duration);
    }
}
