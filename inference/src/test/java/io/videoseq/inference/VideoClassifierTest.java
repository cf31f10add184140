package io.videoseq.inference;

import io.videoseq.inference.manifest.EnsembleManifest;
import io.videoseq.data.FeatureFile;
import io.videoseq.data.ReadMode;
import io.videoseq.data.Sequence;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedding API gives what `videoseq predict` computes, one video at a time, from many threads. */
class VideoClassifierTest {

    @TempDir
    static Path tmp;
    static Path manifest;
    static Path data;
    static List<Path> members;

    @BeforeAll
    static void trainTwoMembers() throws Exception {
        TwoMembers two = TwoMembers.write(tmp);
        data = two.data();
        members = two.members();
        manifest = members.get(0).resolveSibling("e_ensemble.json");
        EnsembleManifest.of(manifest.getParent(), members, List.of("walk", "run", "jump")).write(manifest);
    }

    private static List<float[][]> testVideos(FeatureFile test) {
        List<float[][]> videos = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            Sequence s = test.read(i);
            float[][] frames = new float[s.length()][s.featureDim()];
            for (int t = 0; t < s.length(); t++) {
                for (int f = 0; f < s.featureDim(); f++) {
                    frames[t][f] = s.value(t, f);
                }
            }
            videos.add(frames);
        }
        return videos;
    }

    @Test
    void aManifestGivesWhatEvaluateAndPredictCompute() throws Exception {
        VideoClassifier plain = VideoClassifier.load(manifest);
        VideoClassifier tta = plain.withTta(true);
        assertEquals(false, plain.tta(), "a manifest without tta_recommended: no TTA");
        EnsembleManifest m = EnsembleManifest.read(manifest);
        Path recommending = manifest.resolveSibling("tta_ensemble.json");
        new EnsembleManifest(m.format(), m.classNames(), m.members(), m.modelConfig(), true).write(recommending);
        assertEquals(true, VideoClassifier.load(recommending).tta(), "tta_recommended is the default");
        assertEquals(List.of("walk", "run", "jump"), plain.classNames());
        assertEquals(2, plain.members());
        try (FeatureFile test = FeatureFile.open(data.resolve("test_features.h5"), ReadMode.PER_VIDEO)) {
            EnsembleScores want = EnsemblePredictor.load(members).score(test, 4, true);
            List<float[][]> videos = testVideos(test);
            List<VideoClassifier.Prediction> batched = tta.predict(videos);
            for (int v = 0; v < videos.size(); v++) {
                VideoClassifier.Prediction one = tta.predict(videos.get(v));
                VideoClassifier.Prediction p = plain.predict(videos.get(v));
                for (int c = 0; c < 3; c++) {
                    assertEquals(want.tta().getDouble(v, c), one.probability(c), 1e-5, "tta video " + v);
                    assertEquals(want.tta().getDouble(v, c), batched.get(v).probability(c), 1e-5, "batched " + v);
                    assertEquals(want.plain().getDouble(v, c), p.probability(c), 1e-5, "plain video " + v);
                }
                assertEquals(want.predictions()[v], one.predicted());
                assertEquals(List.of("walk", "run", "jump").get(one.predicted()), one.predictedName());
                assertEquals(one.predicted(), one.topK(3)[0]);
            }
        }
    }

    @Test
    void manyThreadsAtOnceGetWhatOneThreadGets() throws Exception {
        VideoClassifier classifier = VideoClassifier.load(manifest).withTta(true);
        List<float[][]> videos;
        try (FeatureFile test = FeatureFile.open(data.resolve("test_features.h5"), ReadMode.PER_VIDEO)) {
            videos = testVideos(test);
        }
        List<float[]> want = new ArrayList<>();
        for (float[][] v : videos) {
            want.add(classifier.predict(v).probabilities());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> runs = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                int offset = thread;
                runs.add(pool.submit(() -> {
                    for (int round = 0; round < 30; round++) {
                        int v = (offset + round) % videos.size();
                        assertArrayEquals(want.get(v), classifier.predict(videos.get(v)).probabilities(), 1e-6f);
                        List<VideoClassifier.Prediction> all = classifier.predict(videos.subList(v, videos.size()));
                        for (int k = 0; k < all.size(); k++) {
                            assertArrayEquals(want.get(v + k), all.get(k).probabilities(), 1e-5f);
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : runs) {
                assertTrue(r.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aModelZipAloneHasNumberedClassesAndBadVideosAreNamed() throws Exception {
        VideoClassifier one = VideoClassifier.load(members.get(0));
        assertEquals(List.of("class_0", "class_1", "class_2"), one.classNames());
        assertEquals(6, one.featureDim());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> one.predict(new float[0][]));
        assertEquals("video 0: expected at least one frame, found none", none.getMessage());
        IllegalArgumentException narrow = assertThrows(IllegalArgumentException.class,
                () -> one.predict(new float[][] {new float[6], new float[5]}));
        assertEquals("video 0 frame 1: expected 6 features, found 5", narrow.getMessage());
        float[][] nan = {new float[6]};
        nan[0][2] = Float.NaN;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> one.predict(nan)).getMessage()
                .contains("expected a finite value, found NaN"));
        assertThrows(IllegalArgumentException.class, () -> one.withClassNames(List.of("x")));
        assertEquals("b", one.withClassNames(List.of("a", "b", "c")).predict(new float[][] {new float[6]})
                .classNames().get(1));
    }

    @Test
    void aServiceBoundsFramesPerVideoAndMemoryPerCall() throws Exception {
        VideoClassifier one = VideoClassifier.load(members.get(0));
        assertEquals(io.videoseq.data.FeatureFileLimits.DEFAULT_MAX_FRAMES, one.maxFrames());
        float[][] three = new float[3][6];
        IllegalArgumentException longVideo = assertThrows(IllegalArgumentException.class,
                () -> one.withMaxFrames(2).predict(List.of(new float[1][6], three)));
        assertEquals("video 1: expected at most 2 frames (raise with withMaxFrames), found 3", longVideo.getMessage());
        assertEquals(3, one.withMaxFrames(3).predict(three).probabilities().length);
        assertEquals(2, one.withTta(true).withMaxFrames(2).withTta(false).maxFrames(), "kept by the other withers");

        // more padded values than one batch may hold: scored in several batches, each video as it is alone
        try (FeatureFile test = FeatureFile.open(data.resolve("test_features.h5"), ReadMode.PER_VIDEO)) {
            List<float[][]> videos = testVideos(test);
            int longest = videos.stream().mapToInt(v -> v.length).max().orElseThrow();
            List<float[][]> many = new ArrayList<>();
            for (int c = 0; c < 3; c++) {
                many.addAll(videos);
            }
            // room for two of the longest videos per batch: many batches, of one to several videos
            List<VideoClassifier.Prediction> all = one.predict(many, 2L * longest * one.featureDim());
            assertEquals(many.size(), all.size());
            for (int i = 0; i < videos.size(); i++) {
                float[] alone = one.predict(videos.get(i)).probabilities();
                org.junit.jupiter.api.Assertions.assertArrayEquals(alone, all.get(i).probabilities(), 1e-5f);
                org.junit.jupiter.api.Assertions.assertArrayEquals(alone,
                        all.get(many.size() - videos.size() + i).probabilities(), 1e-5f, "the last batch too");
            }
        }
    }
}
