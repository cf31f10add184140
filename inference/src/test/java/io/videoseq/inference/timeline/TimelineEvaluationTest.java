package io.videoseq.inference.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.videoseq.inference.VideoClassifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Timelines against labels: per video and pooled, and the report JSON (a ratio without denominator is null). */
class TimelineEvaluationTest {
    private static final List<String> NAMES = List.of("walk", "fall");

    private static Timeline timeline(String... classes) {
        List<WindowPrediction> windows = new java.util.ArrayList<>();
        for (int k = 0; k < classes.length; k++) {
            float[] p = new float[2];
            p[NAMES.indexOf(classes[k])] = 1;
            windows.add(new WindowPrediction(k, 2 * k, 2 * k + 4, new VideoClassifier.Prediction(p, NAMES),
                    new double[0], new double[0]));
        }
        return Timeline.of(windows, 2.0 * classes.length + 2, new SegmentRule(0));
    }

    @Test
    void videosArePooledAndTheReportNamesEveryCount(@TempDir Path dir) throws Exception {
        TimelineLabels labels = TimelineLabels.read(Files.writeString(dir.resolve("l.csv"), "video,class,start,end\n"
                + "a.mp4,walk,0,6\na.mp4,fall,6,10\nb.mp4,fall,100,200\n"));
        TimelineEvaluation e = TimelineEvaluation.of(List.of("x/a.mp4", "b.mp4"), List.of(
                timeline("walk", "walk", "fall", "fall"), timeline("walk", "walk")), labels, 0.5);
        // a.mp4: centres 2, 4, 6, 8 all right; segments walk 0-5, fall 5-10 both found (IoU 5/6, 4/5).
        assertEquals(new SegmentMetrics(1, 1, 1, 2, 4, 4, 2, 2), e.videos().get(0).metrics());
        // b.mp4: its one true segment lies after its windows: no window scored, nothing found.
        assertEquals(Double.NaN, e.videos().get(1).metrics().windowAccuracy());
        assertEquals(SegmentMetrics.pooled(List.of(e.videos().get(0).metrics(), e.videos().get(1).metrics())),
                e.pooled());
        JsonNode json = new ObjectMapper().readTree(e.toJson(4, 2));
        assertEquals(4, json.get("pooled").get("windows_scored").asInt());
        assertEquals(3, json.get("pooled").get("true_segments").asInt());
        assertEquals(2.0 / 3, json.get("pooled").get("segment_recall").asDouble(), 1e-12);
        assertTrue(json.get("videos").get(1).get("metrics").get("window_accuracy").isNull());
        assertEquals("fall", json.get("videos").get(0).get("true_segments").get(1).get("class").asText());
        assertEquals(2, json.get("videos").get(0).get("segments").size());
    }
}
