package io.videoseq.consumer.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.videoseq.inference.VideoClassifier;
import io.videoseq.inference.manifest.EnsembleManifest;
import io.videoseq.inference.timeline.FeatureTimeline;
import io.videoseq.inference.timeline.SegmentRule;
import io.videoseq.inference.timeline.Timeline;
import io.videoseq.inference.timeline.WindowPrediction;
import io.videoseq.inference.timeline.WindowSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a service with only {@code videoseq-inference} and an ND4J backend on its classpath can do: load a checkpoint
 * a videoseq training run wrote (one written before the loss, updater and schedule moved into the model module) or
 * an ensemble manifest naming two, and classify videos given as {@code [frames][features]} arrays through
 * {@link VideoClassifier}, getting the probabilities the training side recorded.
 */
class InferenceOnlyConsumerTest {

    @TempDir
    static Path dir;
    static List<float[][]> videos;
    static JsonNode expected;

    @BeforeAll
    static void readFixtures() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode file = json.readTree(InferenceOnlyConsumerTest.class.getResourceAsStream("/compat/test_features.json"));
        videos = new ArrayList<>();
        for (int v = 0; v < file.get("num_frames").size(); v++) {
            JsonNode rows = file.get("features").get(v);
            float[][] frames = new float[file.get("num_frames").get(v).asInt()][rows.get(0).size()];
            for (int t = 0; t < frames.length; t++) {
                for (int f = 0; f < frames[t].length; f++) {
                    frames[t][f] = (float) rows.get(t).get(f).asDouble();
                }
            }
            videos.add(frames);
        }
        expected = json.readTree(InferenceOnlyConsumerTest.class.getResourceAsStream("/compat/expected.json"));
        for (String name : List.of("best_tiny.zip", "tiny_checkpoint_epoch_2.zip")) {
            try (InputStream in = InferenceOnlyConsumerTest.class.getResourceAsStream("/compat/" + name)) {
                Files.copy(in, dir.resolve(name));
            }
        }
    }

    @Test
    void neitherTheTrainerNorTheCommandLineIsHere() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("io.videoseq.training.run.Trainer"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("io.videoseq.app.Main"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("picocli.CommandLine"));
    }

    @Test
    void aCheckpointClassifiesVideosAsTrainingRecorded() throws Exception {
        VideoClassifier classifier = VideoClassifier.load(dir.resolve("best_tiny.zip"));
        JsonNode want = expected.get("best_tiny.zip");
        assertEquals(want.size(), videos.size());
        for (int v = 0; v < videos.size(); v++) {
            assertClose(want.get(v), classifier.predict(videos.get(v)), "video " + v);
        }
        List<VideoClassifier.Prediction> batch = classifier.predict(videos);
        for (int v = 0; v < videos.size(); v++) {
            assertClose(want.get(v), batch.get(v), "video " + v + " in one batch");
        }
    }

    @Test
    void anEnsembleManifestAveragesItsMembers() throws Exception {
        Path manifest = dir.resolve("tiny_ensemble.json");
        EnsembleManifest.of(dir, List.of(dir.resolve("best_tiny.zip"), dir.resolve("tiny_checkpoint_epoch_2.zip")),
                List.of("walk", "run", "jump")).write(manifest);
        VideoClassifier classifier = VideoClassifier.load(manifest);
        assertEquals(2, classifier.members());
        assertEquals(List.of("walk", "run", "jump"), classifier.classNames());
        JsonNode a = expected.get("best_tiny.zip");
        JsonNode b = expected.get("tiny_checkpoint_epoch_2.zip");
        for (int v = 0; v < videos.size(); v++) {
            VideoClassifier.Prediction p = classifier.predict(videos.get(v));
            for (int c = 0; c < a.get(v).size(); c++) {
                double mean = (a.get(v).get(c).asDouble() + b.get(v).get(c).asDouble()) / 2;
                assertEquals(mean, p.probability(c), 1e-6, "video " + v + " class " + c);
            }
        }
    }

    @Test
    void aLongVideosOwnFeaturesBecomeWindowsAndSegmentsWithoutTheVideoModule() throws Exception {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("io.videoseq.video.classify.VideoPipeline"));
        VideoClassifier classifier = VideoClassifier.load(dir.resolve("best_tiny.zip"));
        // The fixture's videos one after the other at 10 frames per second, as a service's own backbone gives them.
        List<float[]> frames = new ArrayList<>();
        videos.forEach(v -> frames.addAll(List.of(v)));
        List<WindowPrediction> told = new ArrayList<>();
        FeatureTimeline t = FeatureTimeline.of(classifier, new WindowSpec(0.8, 0.4), 4, List.of(1.0),
                SegmentRule.forWindow(0.8), told::add);
        for (int i = 0; i < frames.size(); i++) {
            t.accept(i / 10.0, frames.get(i));
        }
        Timeline timeline = t.finish(frames.size() / 10.0);
        assertTrue(timeline.windows().size() >= 2, "windows: " + timeline.windows().size());
        assertEquals(told, timeline.windows());
        assertEquals(0, timeline.segments().get(0).start());
        assertEquals(frames.size() / 10.0, timeline.segments().get(timeline.segments().size() - 1).end(), 1e-9);
    }

    private static void assertClose(JsonNode want, VideoClassifier.Prediction got, String what) {
        assertEquals(want.size(), got.probabilities().length, what);
        for (int c = 0; c < want.size(); c++) {
            // float rounding only: recorded on another libnd4j build, in batches of 4 (padding is masked)
            assertEquals(want.get(c).asDouble(), got.probability(c), 1e-6, what + " class " + c);
        }
    }
}
