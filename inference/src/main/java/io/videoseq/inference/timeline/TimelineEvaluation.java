package io.videoseq.inference.timeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.videoseq.core.json.JsonMappers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Timelines scored against their labels ({@link TimelineLabels}): each video's {@link SegmentMetrics} and all of them
 * pooled ({@link SegmentMetrics#pooled}), at one IoU threshold.
 */
public record TimelineEvaluation(List<Video> videos, SegmentMetrics pooled, double iouThreshold) {
    /** One video's timeline, its true segments and their metrics. */
    public record Video(String video, Timeline timeline, List<SegmentMetrics.Truth> truth, SegmentMetrics metrics) {
    }

    public static final double IOU_THRESHOLD = 0.5;

    private static final ObjectMapper JSON = JsonMappers.documents();

    public TimelineEvaluation {
        videos = List.copyOf(videos);
    }

    /**
     * @param videos each video's name as the labels name it (as given, or its file name) and its timeline, in order
     * @throws TimelineLabelsException when a video has no segments in the labels
     */
    public static TimelineEvaluation of(List<String> names, List<Timeline> timelines, TimelineLabels labels,
                                        double iouThreshold) {
        List<Video> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            List<SegmentMetrics.Truth> truth = labels.truthOf(names.get(i));
            out.add(new Video(names.get(i), timelines.get(i), truth,
                    SegmentMetrics.of(timelines.get(i), truth, iouThreshold)));
        }
        return new TimelineEvaluation(out, SegmentMetrics.pooled(out.stream().map(Video::metrics).toList()),
                iouThreshold);
    }

    /**
     * The report: {@code iou_threshold}, {@code window_seconds}, {@code stride_seconds}, {@code pooled} (metrics)
     * and {@code videos} (each video's metrics, true and predicted segments); a ratio without a denominator is
     * {@code null}.
     */
    public String toJson(double windowSeconds, double strideSeconds) {
        ObjectNode root = JSON.createObjectNode();
        root.put("iou_threshold", iouThreshold);
        root.put("window_seconds", windowSeconds);
        root.put("stride_seconds", strideSeconds);
        metrics(root.putObject("pooled"), pooled);
        ArrayNode vs = root.putArray("videos");
        for (Video v : videos) {
            ObjectNode o = vs.addObject();
            o.put("video", v.video());
            o.put("duration", v.timeline().duration());
            metrics(o.putObject("metrics"), v.metrics());
            ArrayNode t = o.putArray("true_segments");
            for (SegmentMetrics.Truth s : v.truth()) {
                t.addObject().put("class", s.className()).put("start", s.start()).put("end", s.end());
            }
            ArrayNode p = o.putArray("segments");
            for (Segment s : v.timeline().segments()) {
                p.addObject().put("class", s.className()).put("start", s.start()).put("end", s.end())
                        .put("mean_confidence", s.meanConfidence());
            }
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("a timeline evaluation must serialize", e);
        }
    }

    private static void metrics(ObjectNode o, SegmentMetrics m) {
        ratio(o, "window_accuracy", m.windowAccuracy());
        ratio(o, "segment_precision", m.precision());
        ratio(o, "segment_recall", m.recall());
        o.put("true_positives", m.truePositives());
        o.put("windows_scored", m.windows());
        o.put("windows_correct", m.correctWindows());
        o.put("predicted_segments", m.predicted());
        o.put("true_segments", m.truth());
    }

    private static void ratio(ObjectNode o, String key, double v) {
        if (Double.isNaN(v)) {
            o.putNull(key);
        } else {
            o.put(key, v);
        }
    }
}
