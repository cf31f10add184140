package io.videoseq.inference.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.videoseq.inference.VideoClassifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden numbers from tools/timeline/segment_metrics.py on the same windows and segments. */
class SegmentMetricsTest {
    private static final List<String> NAMES = List.of("walk", "fall", "sit", "run");

    @Test
    void matchesThePythonReference() {
        String[] classes = {"walk", "walk", "walk", "fall", "fall", "walk", "sit", "sit", "sit", "sit"};
        List<WindowPrediction> windows = new ArrayList<>();
        for (int k = 0; k < classes.length; k++) {
            float[] p = new float[4];
            p[NAMES.indexOf(classes[k])] = 1;
            windows.add(new WindowPrediction(k, 2 * k, 2 * k + 4, new VideoClassifier.Prediction(p, NAMES),
                    new double[0], new double[0]));
        }
        List<Segment> predicted = List.of(new Segment(0, "walk", 0, 7, 1, 0, 3), new Segment(1, "fall", 7, 12, 1, 3, 2),
                new Segment(0, "walk", 12, 13, 1, 5, 1), new Segment(2, "sit", 13, 22, 1, 6, 4));
        List<SegmentMetrics.Truth> truth = List.of(new SegmentMetrics.Truth("walk", 0, 8),
                new SegmentMetrics.Truth("fall", 8, 10), new SegmentMetrics.Truth("walk", 10, 14),
                new SegmentMetrics.Truth("sit", 14, 22), new SegmentMetrics.Truth("run", 22, 24));
        SegmentMetrics m = SegmentMetrics.of(new Timeline(windows, predicted, 24), truth, 0.5);
        // python3 tools/timeline/segment_metrics.py, first line: (0.9, 0.5, 0.4, 2, 10, 9, 4, 5)
        assertEquals(new SegmentMetrics(0.9, 0.5, 0.4, 2, 10, 9, 4, 5), m);
    }

    private static List<WindowPrediction> windows(String... classes) {
        List<WindowPrediction> windows = new ArrayList<>();
        for (int k = 0; k < classes.length; k++) {
            float[] p = new float[4];
            p[NAMES.indexOf(classes[k])] = 1;
            windows.add(new WindowPrediction(k, 2 * k, 2 * k + 4, new VideoClassifier.Prediction(p, NAMES),
                    new double[0], new double[0]));
        }
        return windows;
    }

    @Test
    void severalVideosPoolTheirCountsAsThePythonReference() {
        SegmentMetrics first = SegmentMetrics.of(new Timeline(windows("walk", "walk", "walk", "fall", "fall", "walk",
                "sit", "sit", "sit", "sit"), List.of(new Segment(0, "walk", 0, 7, 1, 0, 3),
                new Segment(1, "fall", 7, 12, 1, 3, 2), new Segment(0, "walk", 12, 13, 1, 5, 1),
                new Segment(2, "sit", 13, 22, 1, 6, 4)), 24), List.of(new SegmentMetrics.Truth("walk", 0, 8),
                new SegmentMetrics.Truth("fall", 8, 10), new SegmentMetrics.Truth("walk", 10, 14),
                new SegmentMetrics.Truth("sit", 14, 22), new SegmentMetrics.Truth("run", 22, 24)), 0.5);
        SegmentMetrics second = SegmentMetrics.of(new Timeline(windows("sit", "sit", "walk", "walk"),
                List.of(new Segment(2, "sit", 0, 5, 1, 0, 2), new Segment(0, "walk", 5, 10, 1, 2, 2)), 10),
                List.of(new SegmentMetrics.Truth("sit", 0, 4), new SegmentMetrics.Truth("walk", 4, 10)), 0.5);
        // python3 tools/timeline/segment_metrics.py, second and third lines.
        assertEquals(new SegmentMetrics(0.75, 1.0, 1.0, 2, 4, 3, 2, 2), second);
        assertEquals(new SegmentMetrics(0.8571428571428571, 0.6666666666666666, 0.5714285714285714, 4, 14, 12, 6, 7),
                SegmentMetrics.pooled(List.of(first, second)));
    }

    @Test
    void iouHalfCountsAndDisjointIsZero() {
        Segment p = new Segment(0, "walk", 12, 14, 1, 0, 1);
        assertEquals(0.5, SegmentMetrics.iou(p, new SegmentMetrics.Truth("walk", 10, 14)));
        assertEquals(0, SegmentMetrics.iou(p, new SegmentMetrics.Truth("walk", 0, 12)));
    }
}
