package io.videoseq.inference.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.videoseq.inference.VideoClassifier;
import io.videoseq.inference.timeline.SegmentRule;
import io.videoseq.inference.timeline.Timeline;
import io.videoseq.inference.timeline.WindowPrediction;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CSVs and JSON of a long video's timeline, on two hand-made windows. */
class TimelineOutputsTest {
    private static final List<String> NAMES = List.of("walk", "fall, hard");

    private static Timeline timeline() {
        WindowPrediction a = new WindowPrediction(0, 0, 4, new VideoClassifier.Prediction(new float[] {0.75f, 0.25f},
                NAMES), new double[] {0, 2}, new double[] {0.4, 0.6});
        WindowPrediction b = new WindowPrediction(1, 2, 6, new VideoClassifier.Prediction(new float[] {0.125f, 0.875f},
                NAMES), new double[] {2, 4}, new double[] {0.5, 0.5});
        return Timeline.of(List.of(a, b), 6.5, new SegmentRule(0));
    }

    @Test
    void csvRowsPerWindowAndPerSegment() {
        List<TimelineCsv.Named> v = List.of(new TimelineCsv.Named("a.mp4", timeline()));
        assertEquals("""
                video,window,start,end,predicted,predicted_name,confidence,prob_0,prob_1
                a.mp4,0,0.000,4.000,0,walk,0.750000,0.750000,0.250000
                a.mp4,1,2.000,6.000,1,"fall, hard",0.875000,0.125000,0.875000
                """, TimelineCsv.windows(v));
        assertEquals("""
                video,segment,start,end,class,class_name,mean_confidence,windows
                a.mp4,0,0.000,3.000,0,walk,0.750000,1
                a.mp4,1,3.000,6.500,1,"fall, hard",0.875000,1
                """, TimelineCsv.segments(v));
    }

    @Test
    void jsonHoldsWindowsWithSaliencyAndSegments() {
        JsonNode o = TimelineJson.of("a.mp4", timeline(), 4, 2);
        assertEquals(6.5, o.get("duration").asDouble());
        assertEquals("fall, hard", o.get("windows").get(1).get("predicted").asText());
        assertEquals(0.6, o.get("windows").get(0).get("saliency").get(1).asDouble());
        assertEquals(2.0, o.get("windows").get(0).get("step_times").get(1).asDouble());
        assertEquals(3.0, o.get("segments").get(1).get("start").asDouble());
        assertEquals(1, o.get("segments").get(1).get("first_window").asInt());
    }
}
