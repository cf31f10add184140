package io.videoseq.inference.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.videoseq.core.json.JsonMappers;
import io.videoseq.inference.timeline.Segment;
import io.videoseq.inference.timeline.Timeline;
import io.videoseq.inference.timeline.WindowPrediction;

/**
 * A long video's timeline as JSON ({@code classify --window --json}, one object per video):
 * {@code {"video", "duration", "window_seconds", "stride_seconds", "windows": [{"index", "start", "end",
 * "predicted", "predicted_index", "confidence", "probabilities": {name: p}, "step_times": [...],
 * "saliency": [...]}], "segments": [{"start", "end", "class", "class_index", "mean_confidence", "first_window",
 * "windows"}]}}; times in seconds from the start of the video.
 *
 * <p>As JSON Lines ({@code classify --window --jsonl}), so a program can follow a long file while it is read: one
 * object per line, each with {@code "type"} and {@code "video"} first — {@code "window"} (the fields of a window
 * above) as soon as a window is decided, then after the video's last window each {@code "segment"} (the fields of a
 * segment above) and one {@code "end"} ({@code "duration"}, {@code "windows"}, {@code "segments"}).
 */
public final class TimelineJson {
    private static final ObjectMapper JSON = JsonMappers.plain();

    private TimelineJson() {
    }

    public static ObjectNode of(String video, Timeline t, double windowSeconds, double strideSeconds) {
        ObjectNode o = JSON.createObjectNode();
        o.put("video", video);
        o.put("duration", t.duration());
        o.put("window_seconds", windowSeconds);
        o.put("stride_seconds", strideSeconds);
        ArrayNode windows = o.putArray("windows");
        for (WindowPrediction w : t.windows()) {
            windows.add(window(w));
        }
        ArrayNode segments = o.putArray("segments");
        for (Segment s : t.segments()) {
            segments.add(segment(s));
        }
        return o;
    }

    public static ObjectNode segment(Segment s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("start", s.start());
        n.put("end", s.end());
        n.put("class", s.className());
        n.put("class_index", s.classIndex());
        n.put("mean_confidence", s.meanConfidence());
        n.put("first_window", s.firstWindow());
        n.put("windows", s.windows());
        return n;
    }

    /** A JSON Lines line: a window of {@code video}, as soon as it is decided. */
    public static String windowLine(String video, WindowPrediction w) {
        return line("window", video, window(w));
    }

    /** The JSON Lines lines after a video's last window: its segments, then its end. */
    public static String endLines(String video, Timeline t) {
        StringBuilder b = new StringBuilder();
        for (Segment s : t.segments()) {
            b.append(line("segment", video, segment(s))).append('\n');
        }
        ObjectNode end = JSON.createObjectNode();
        end.put("duration", t.duration());
        end.put("windows", t.windows().size());
        end.put("segments", t.segments().size());
        return b.append(line("end", video, end)).toString();
    }

    private static String line(String type, String video, ObjectNode fields) {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", type);
        o.put("video", video);
        o.setAll(fields);
        return o.toString();
    }

    /** One window, as streamed to a listener. */
    public static ObjectNode window(WindowPrediction w) {
        ObjectNode n = JSON.createObjectNode();
        n.put("index", w.index());
        n.put("start", w.start());
        n.put("end", w.end());
        n.put("predicted", w.prediction().predictedName());
        n.put("predicted_index", w.predicted());
        n.put("confidence", w.confidence());
        ObjectNode probs = n.putObject("probabilities");
        for (int c = 0; c < w.prediction().classNames().size(); c++) {
            probs.put(w.prediction().classNames().get(c), w.prediction().probability(c));
        }
        ArrayNode times = n.putArray("step_times");
        for (double s : w.stepTimes()) {
            times.add(s);
        }
        ArrayNode saliency = n.putArray("saliency");
        for (double s : w.saliency()) {
            saliency.add(s);
        }
        return n;
    }
}
