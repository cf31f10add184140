package io.videoseq.inference.timeline;

import java.util.ArrayList;
import java.util.List;

/**
 * How well a timeline matches a labelled one (tools/timeline/segment_metrics.py is the reference): per-window
 * accuracy (a window's true class is the true segment's holding its centre) and segment precision and recall at a
 * temporal IoU threshold (0.5 by convention, as ActivityNet's detection task): pairs of a predicted and a true segment
 * of the same class are matched greedily by decreasing IoU (ties: the earlier predicted, then the earlier true
 * segment), each segment at most once; a match with IoU at least the threshold is a true positive.
 *
 * @param windowAccuracy windows whose predicted class is the true one, over windows whose centre lies in a true
 *                       segment (NaN when none does)
 * @param precision      true positives over predicted segments (NaN without any)
 * @param recall         true positives over true segments (NaN without any)
 * @param windows        windows whose centre lies in a true segment (the accuracy's denominator)
 * @param correctWindows of those, the ones whose predicted class is the true one
 * @param predicted      predicted segments
 * @param truth          true segments
 */
public record SegmentMetrics(double windowAccuracy, double precision, double recall, int truePositives,
                             int windows, int correctWindows, int predicted, int truth) {
    /** A labelled stretch of a video. */
    public record Truth(String className, double start, double end) {
        public Truth {
            if (!(end > start)) {
                throw new IllegalArgumentException("true segment " + className + ": expected start < end, found "
                        + start + ", " + end);
            }
        }
    }

    public static SegmentMetrics of(Timeline t, List<Truth> truth, double iouThreshold) {
        int counted = 0;
        int right = 0;
        for (WindowPrediction w : t.windows()) {
            for (Truth s : truth) {
                if (w.centre() >= s.start() && w.centre() < s.end()) {
                    counted++;
                    right += w.prediction().predictedName().equals(s.className()) ? 1 : 0;
                    break;
                }
            }
        }
        List<Segment> predicted = t.segments();
        List<double[]> pairs = new ArrayList<>();
        for (int p = 0; p < predicted.size(); p++) {
            for (int q = 0; q < truth.size(); q++) {
                if (predicted.get(p).className().equals(truth.get(q).className())) {
                    pairs.add(new double[] {iou(predicted.get(p), truth.get(q)), p, q});
                }
            }
        }
        pairs.sort((a, b) -> a[0] != b[0] ? Double.compare(b[0], a[0])
                : a[1] != b[1] ? Double.compare(a[1], b[1]) : Double.compare(a[2], b[2]));
        boolean[] usedP = new boolean[predicted.size()];
        boolean[] usedQ = new boolean[truth.size()];
        int tp = 0;
        for (double[] pair : pairs) {
            int p = (int) pair[1];
            int q = (int) pair[2];
            if (pair[0] >= iouThreshold && !usedP[p] && !usedQ[q]) {
                usedP[p] = true;
                usedQ[q] = true;
                tp++;
            }
        }
        return of(counted, right, predicted.size(), truth.size(), tp);
    }

    private static SegmentMetrics of(int windows, int right, int predicted, int truth, int tp) {
        return new SegmentMetrics(windows == 0 ? Double.NaN : (double) right / windows,
                predicted == 0 ? Double.NaN : (double) tp / predicted, truth == 0 ? Double.NaN : (double) tp / truth,
                tp, windows, right, predicted, truth);
    }

    /**
     * Several videos as one: windows, segments and matches summed over the videos (micro-averaged, as
     * {@code pooled} in tools/timeline/segment_metrics.py), so a long video weighs by its windows and segments.
     */
    public static SegmentMetrics pooled(List<SegmentMetrics> videos) {
        int windows = 0;
        int right = 0;
        int predicted = 0;
        int truth = 0;
        int tp = 0;
        for (SegmentMetrics m : videos) {
            windows += m.windows;
            right += m.correctWindows;
            predicted += m.predicted;
            truth += m.truth;
            tp += m.truePositives;
        }
        return of(windows, right, predicted, truth, tp);
    }

    static double iou(Segment p, Truth q) {
        double inter = Math.max(0, Math.min(p.end(), q.end()) - Math.max(p.start(), q.start()));
        // Overlapping intervals: their union is their hull.
        return inter == 0 ? 0 : inter / (Math.max(p.end(), q.end()) - Math.min(p.start(), q.start()));
    }
}
