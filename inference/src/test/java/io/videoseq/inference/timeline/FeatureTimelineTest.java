package io.videoseq.inference.timeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.videoseq.inference.VideoClassifier;
import io.videoseq.model.ModelConfig;
import io.videoseq.model.TemporalModelFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Windows and segments from a caller's own per-frame features, with only this module: each window told as soon as
 * its last moment has been given, scored as the clip made of the frames its moments take, and memory bounded by the
 * open windows whatever the length.
 */
class FeatureTimelineTest {
    private static final SegmentRule RULE = new SegmentRule(0);
    private static VideoClassifier classifier;

    @BeforeAll
    static void setUp() {
        ModelConfig config = ModelConfig.builder().featureDim(2).hiddenDim(8).numClasses(2).numLstmLayers(1)
                .numAttentionHeads(2).headDims(8, 8, 8).build();
        classifier = VideoClassifier.of(List.of(TemporalModelFactory.build(config)), List.of("a", "b"));
    }

    /** Frame i at i / 10 s: features {@code [i, -i]}, so a row says which frame it is. */
    private static float[] frame(int i) {
        return new float[] {i, -i};
    }

    @Test
    void eachWindowIsToldAsSoonAsItsLastMomentIsGivenAndIsTheClipOfItsFrames() {
        List<WindowPrediction> told = new ArrayList<>();
        List<Integer> framesGivenWhenTold = new ArrayList<>();
        int[] given = {0};
        FeatureTimeline t = FeatureTimeline.of(classifier, new WindowSpec(1, 0.5), 4, List.of(1.0), RULE, w -> {
            told.add(w);
            framesGivenWhenTold.add(given[0]);
        });
        for (int i = 0; i < 50; i++) {
            given[0] = i + 1;
            t.accept(i / 10.0, frame(i));
        }
        Timeline timeline = t.finish(5.0);
        assertEquals(9, timeline.windows().size(), "windows [0, 1) ... [4, 5)");
        assertEquals(told, timeline.windows());
        for (int k = 0; k < 9; k++) {
            WindowPrediction w = timeline.windows().get(k);
            assertEquals(0.5 * k, w.start(), 1e-12);
            // Steps at start + 0, 0.25, 0.5, 0.75 s take the first frame at or after each: 5k, 5k+3, 5k+5, 5k+8.
            int[] frames = {5 * k, 5 * k + 3, 5 * k + 5, 5 * k + 8};
            double[] times = new double[4];
            float[][] rows = new float[4][];
            for (int j = 0; j < 4; j++) {
                times[j] = frames[j] / 10.0;
                rows[j] = frame(frames[j]);
            }
            assertArrayEquals(times, w.stepTimes(), 1e-12);
            assertArrayEquals(classifier.predict(rows).probabilities(), w.prediction().probabilities());
            // Told when its last step's frame was given, not later.
            assertEquals(frames[3] + 1, framesGivenWhenTold.get(k));
        }
        assertEquals(0, timeline.segments().get(0).start());
        assertEquals(5.0, timeline.segments().get(timeline.segments().size() - 1).end(), 1e-12);
    }

    @Test
    void speedsAreAveragedPerStepAsTheModelsMultiScaleSampling() {
        List<Double> speeds = List.of(1.0, 0.5);
        FeatureTimeline t = FeatureTimeline.of(classifier, new WindowSpec(1, 1), 4, speeds, RULE, w -> { });
        for (int i = 0; i < 10; i++) {
            t.accept(i / 10.0, frame(i));
        }
        WindowPrediction w = t.finish(1.0).windows().get(0);
        double[][] m = new WindowMoments(new WindowSpec(1, 1), 4, speeds).moments(0);
        float[][] rows = new float[4][2];
        for (int j = 0; j < 4; j++) {
            for (double[] speed : m) {
                int f = (int) Math.ceil(speed[j] * 10 - 1e-9);
                rows[j][0] += f / 2f;
                rows[j][1] -= f / 2f;
            }
        }
        assertArrayEquals(classifier.predict(rows).probabilities(), w.prediction().probabilities(), 1e-6f);
    }

    @Test
    void twoHoursAt30FpsKeepOnlyTheOpenWindowsFrames() {
        // 216,000 frames: the windows are scored as they come; what is kept never grows with the length.
        FeatureTimeline t = FeatureTimeline.of(classifier, new WindowSpec(600, 300), 2, List.of(1.0), RULE, w -> { });
        int maxKept = 0;
        for (int i = 0; i < 216_000; i++) {
            t.accept(i / 30.0, frame(i % 100));
            maxKept = Math.max(maxKept, t.keptFrames());
        }
        assertEquals(23, t.windows().size(), "windows [0, 600) ... [6600, 7200), each as its last moment came");
        assertEquals(23, t.finish(7200).windows().size(), "[6900, 7500) is past the end");
        assertTrue(maxKept <= 4, "frames kept: " + maxKept);
    }

    @Test
    void aVideoShorterThanOneWindowIsOneWindowEndingWithIt() {
        FeatureTimeline t = FeatureTimeline.of(classifier, new WindowSpec(4, 2), 4, List.of(1.0), RULE, w -> { });
        for (int i = 0; i < 12; i++) {
            t.accept(i / 10.0, frame(i));
        }
        Timeline timeline = t.finish(1.2);
        assertEquals(1, timeline.windows().size());
        assertEquals(1.2, timeline.windows().get(0).end(), 1e-12);
        // Moments past the end take the last frame a moment took (1.0 s), as a file's short video does.
        assertArrayEquals(new double[] {0, 1.0, 1.0, 1.0}, timeline.windows().get(0).stepTimes(), 1e-12);
    }

    @Test
    void framesOutOfOrderOrOfAnotherSizeAreRefusedNamingTheFrame() {
        FeatureTimeline t = FeatureTimeline.of(classifier, new WindowSpec(1, 0.5), 4, List.of(1.0), RULE, w -> { });
        t.accept(0.5, frame(0));
        IllegalArgumentException back = assertThrows(IllegalArgumentException.class, () -> t.accept(0.4, frame(1)));
        assertEquals("frame 1: expected a time >= 0.5 s (frames in time order), found 0.4", back.getMessage());
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> t.accept(0.6, new float[3]));
        assertEquals("frame 1: expected 2 features, found 3", size.getMessage());
        IllegalArgumentException steps = assertThrows(IllegalArgumentException.class, () -> FeatureTimeline.of(
                classifier.withMaxFrames(8), new WindowSpec(1, 0.5), 9, List.of(1.0), RULE, w -> { }));
        assertTrue(steps.getMessage().startsWith("frames per window: expected at most 8"), steps.getMessage());
    }
}
