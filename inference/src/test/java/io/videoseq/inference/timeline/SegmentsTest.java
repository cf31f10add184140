package io.videoseq.inference.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.videoseq.inference.VideoClassifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The segment rule on hand-made windows of 4 s every 2 s: who decides which seconds, and what a short run becomes. */
class SegmentsTest {
    private static final List<String> NAMES = List.of("walk", "fall", "sit");

    /** Windows of 4 s every 2 s whose probability of {@code classes[k]} is {@code p}, the rest shared. */
    private static List<WindowPrediction> windows(double p, int... classes) {
        List<WindowPrediction> out = new ArrayList<>();
        for (int k = 0; k < classes.length; k++) {
            float[] probs = new float[3];
            for (int c = 0; c < 3; c++) {
                probs[c] = c == classes[k] ? (float) p : (float) (1 - p) / 2;
            }
            out.add(new WindowPrediction(k, 2 * k, 2 * k + 4, new VideoClassifier.Prediction(probs, NAMES),
                    new double[0], new double[0]));
        }
        return out;
    }

    private static String describe(List<Segment> segments) {
        StringBuilder b = new StringBuilder();
        for (Segment s : segments) {
            b.append(String.format(java.util.Locale.ROOT, "%s %.0f-%.0f %d; ", s.className(), s.start(), s.end(),
                    s.windows()));
        }
        return b.toString();
    }

    @Test
    void eachWindowDecidesTheTimeAroundItsCentreAndTheEndsReachTheVideosEnds() {
        // Centres at 2, 4, 6, 8, 10, 12: bounds half-way between them, the first from 0, the last to the end (15 s).
        List<Segment> s = Segments.of(windows(0.8, 0, 0, 0, 1, 1, 1), 15, new SegmentRule(0));
        assertEquals("walk 0-7 3; fall 7-15 3; ", describe(s));
        assertEquals(0.8, s.get(0).meanConfidence(), 1e-6);
        assertEquals(3, s.get(1).firstWindow());
        // The last window's moments were all in a video that ends at 13.5 s, before its nominal end (14 s).
        assertEquals(13.5, Segments.of(windows(0.8, 0, 0, 0, 1, 1, 1), 13.5, new SegmentRule(0)).get(1).end());
    }

    @Test
    void aRunShorterThanTheMinimumJoinsItsNeighbours() {
        // One "fall" window between walks: 2 s < 4 s, so it joins them and the three walks are one segment.
        List<Segment> s = Segments.of(windows(0.6, 0, 0, 1, 0, 0, 2, 2, 2), 18, SegmentRule.forWindow(4));
        assertEquals("walk 0-11 5; sit 11-18 3; ", describe(s));
        // The joined window's probability of walk (0.2) counts in the segment's mean confidence.
        assertEquals((4 * 0.6 + 0.2) / 5, s.get(0).meanConfidence(), 1e-6);
        assertEquals("walk 0-5 2; fall 5-7 1; walk 7-11 2; sit 11-18 3; ",
                describe(Segments.of(windows(0.6, 0, 0, 1, 0, 0, 2, 2, 2), 18, new SegmentRule(0))));
    }

    @Test
    void aShortRunBetweenTwoClassesGoesToTheOneItsWindowsFoundMoreProbable() {
        List<WindowPrediction> w = new ArrayList<>(windows(0.9, 0, 0, 2, 1, 1));
        float[] sitButFallish = {0.1f, 0.4f, 0.5f};
        w.set(2, new WindowPrediction(2, 4, 8, new VideoClassifier.Prediction(sitButFallish, NAMES), new double[0],
                new double[0]));
        assertEquals("walk 0-5 2; fall 5-12 3; ", describe(Segments.of(w, 12, SegmentRule.forWindow(4))));
    }

    @Test
    void oneSegmentStaysWhateverItsLength() {
        assertEquals("fall 0-5 1; ", describe(Segments.of(windows(0.5, 1), 5, SegmentRule.forWindow(60))));
        assertEquals(List.of(), Segments.of(List.of(), 5, SegmentRule.forWindow(4)));
    }

    @Test
    void aNegativeMinimumIsRefusedNamingTheOption() {
        assertEquals("--min-segment: expected seconds >= 0, found -1.0",
                assertThrows(IllegalArgumentException.class, () -> new SegmentRule(-1)).getMessage());
    }
}
