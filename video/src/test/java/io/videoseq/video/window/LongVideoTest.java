package io.videoseq.video.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.videoseq.inference.VideoClassifier;
import io.videoseq.inference.timeline.Segment;
import io.videoseq.inference.timeline.SegmentRule;
import io.videoseq.inference.timeline.Timeline;
import io.videoseq.inference.timeline.WindowPrediction;
import io.videoseq.inference.timeline.WindowSpec;
import io.videoseq.model.GraphOptions;
import io.videoseq.model.ModelConfig;
import io.videoseq.model.TemporalModelFactory;
import io.videoseq.video.TestAssets;
import io.videoseq.video.backbone.KerasBackbone;
import io.videoseq.video.decode.VideoDeadline;
import io.videoseq.video.decode.VideoDecoder;
import io.videoseq.video.decode.VideoLimits;
import io.videoseq.video.extract.FrameSampling;
import io.videoseq.model.io.ModelZip;
import io.videoseq.model.io.ModelZipWriter;
import io.videoseq.video.extract.ExtractionRecord;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A real long video: the Debian sample clips cockatoo.mp4 (14 s at 20 fps, a bird), balle-jbart.mp4 (10.2 s at
 * 25 fps, a ball) and cockatoo.mp4 again, concatenated in the set-up ({@link LongVideos}), so the file changes frame
 * rate twice and its true segments are bird 0-14 s, ball 14-24.2 s, bird 24.2-38.2 s. The model is a tiny one
 * trained here, for a few seconds, on the windows of the two clips alone, each encoded as the long file is (its
 * backbone is the test MobileNetV2), so it can tell a bird from a ball; the long file is never seen in training. Windows of 4 s every 2 s must find both
 * boundaries within one stride. Cost: about 150 backbone frames and 60 training steps, about 60 s of CPU (2.5 min of wall time on this shared 2-core machine under load).
 */
class LongVideoTest {
    private static final WindowSpec SPEC = new WindowSpec(4, 2);
    private static final FrameSampling SAMPLING = FrameSampling.of(8, false);

    @TempDir
    static Path dir;

    private static KerasBackbone backbone;
    private static VideoClassifier classifier;
    private static Path longVideo;
    private static double[] ends;

    @BeforeAll
    static void setUp() throws Exception {
        Path bird = dir.resolve("bird.mp4");
        Path ball = dir.resolve("ball.mp4");
        LongVideos.concatenate(List.of(TestAssets.video("cockatoo.mp4")), bird);
        LongVideos.concatenate(List.of(TestAssets.video("balle-jbart.mp4")), ball);
        longVideo = dir.resolve("long.mp4");
        ends = LongVideos.concatenate(List.of(TestAssets.video("cockatoo.mp4"), TestAssets.video("balle-jbart.mp4"),
                TestAssets.video("cockatoo.mp4")), longVideo);
        backbone = KerasBackbone.load(TestAssets.backbone(), TestAssets.LAYER, TestAssets.preprocessing());
        List<float[][]> windows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        // Training windows every second (the test's windows are every 2 s): twice the examples for no more frames.
        WindowSampling training = new WindowSampling(new WindowSpec(SPEC.windowSeconds(), 1), SAMPLING);
        for (Path clip : List.of(bird, ball)) {
            WindowAssembler a = new WindowAssembler(training, backbone, 16, w -> {
                windows.add(w.rows());
                labels.add(clip == bird ? 0 : 1);
            });
            a.finish(VideoDecoder.decodeTimed(clip, VideoDeadline.start(VideoLimits.DEFAULT), a));
        }
        ComputationGraph model = train(windows, labels);
        classifier = VideoClassifier.of(List.of(model), List.of("bird", "ball"));
        keepForTheCommandLine(model);
        for (int i = 0; i < windows.size(); i++) {
            assertEquals((int) labels.get(i), classifier.predict(windows.get(i)).predicted(),
                    "the tiny model must at least fit its training window " + i);
        }
    }

    /** A tiny temporal model fitted on whole-batch steps: enough to separate two clips. */
    private static ComputationGraph train(List<float[][]> windows, List<Integer> labels) {
        int d = backbone.featureDim();
        int t = SAMPLING.maxFrames();
        ModelConfig config = ModelConfig.builder().featureDim(d).hiddenDim(8).numClasses(2).numLstmLayers(1)
                .numAttentionHeads(2).headDims(8, 8, 8).dropout(0).build();
        ComputationGraph g = TemporalModelFactory.build(config, GraphOptions.defaults());
        INDArray x = Nd4j.create(windows.size(), d, t);
        INDArray y = Nd4j.zeros(windows.size(), 2);
        for (int i = 0; i < windows.size(); i++) {
            for (int s = 0; s < t; s++) {
                x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                        org.nd4j.linalg.indexing.NDArrayIndex.point(s)).assign(Nd4j.createFromArray(windows.get(i)[s]));
            }
            y.putScalar(i, labels.get(i), 1);
        }
        MultiDataSet data = new MultiDataSet(new INDArray[] {x}, new INDArray[] {y},
                new INDArray[] {Nd4j.ones(windows.size(), t)}, null);
        for (int step = 0; step < 60; step++) {
            g.fit(data);
        }
        return g;
    }

    /**
     * With {@code -Dvideoseq.long.video.out=DIR}: the long video, the same video 10 times as long, and the model as
     * a checkpoint recording the backbone and sampling, for {@code videoseq classify --window} by hand and the
     * memory measurement of docs/LONG_VIDEOS.md.
     */
    private static void keepForTheCommandLine(ComputationGraph model) throws Exception {
        String out = System.getProperty("videoseq.long.video.out");
        if (out == null) {
            return;
        }
        Path d = Files.createDirectories(Path.of(out));
        Files.copy(longVideo, d.resolve("long.mp4"), StandardCopyOption.REPLACE_EXISTING);
        List<Path> tenTimes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            tenTimes.addAll(List.of(TestAssets.video("cockatoo.mp4"), TestAssets.video("balle-jbart.mp4"),
                    TestAssets.video("cockatoo.mp4")));
        }
        LongVideos.concatenate(tenTimes, d.resolve("long10.mp4"));
        ExtractionRecord record = new ExtractionRecord(backbone.identity(), SAMPLING, List.of("bird", "ball"));
        byte[] metadata = ("{\"feature_extractor\":" + record.toJson() + "}").getBytes(StandardCharsets.UTF_8);
        try (OutputStream o = Files.newOutputStream(d.resolve("model.zip"))) {
            ModelZipWriter.write(o, model, false, Map.of(ModelZip.METADATA_ENTRY, metadata));
        }
    }

    @AfterAll
    static void close() {
        if (backbone != null) {
            backbone.close();
        }
    }

    @Test
    void windowsFindTheBoundariesOfTheClipsWithinOneStride() {
        assertEquals(14.0, ends[0], 1e-9);
        assertEquals(24.2, ends[1], 1e-9);
        List<WindowPrediction> told = new ArrayList<>();
        Timeline timeline = new WindowedVideo(classifier, backbone, SAMPLING, SPEC, VideoLimits.DEFAULT)
                .timeline(longVideo, SegmentRule.forWindow(SPEC.windowSeconds()), told::add);

        assertEquals(38.2, timeline.duration(), 0.011, "the stream's times, over three frame rates");
        assertEquals(timeline.windows(), told, "every window told as it was decided, in time order");
        assertEquals(18, told.size(), "windows start every 2 s while a whole one fits in 38.2 s");
        for (WindowPrediction w : told) {
            assertEquals(2.0 * w.index(), w.start(), 1e-9);
            assertEquals(w.start() + 4, w.end(), 1e-9);
            for (double s : w.stepTimes()) {
                assertTrue(s >= w.start() && s < w.end(), "window " + w.index() + " took a frame at " + s);
            }
        }
        List<Segment> s = timeline.segments();
        StringBuilder found = new StringBuilder();
        s.forEach(x -> found.append(String.format(java.util.Locale.ROOT, "%s %.1f-%.1f; ", x.className(),
                x.start(), x.end())));
        assertEquals(3, s.size(), found.toString());
        assertEquals(List.of("bird", "ball", "bird"), s.stream().map(Segment::className).toList(), found.toString());
        assertEquals(ends[0], s.get(0).end(), SPEC.strideSeconds(), found.toString());
        assertEquals(ends[1], s.get(1).end(), SPEC.strideSeconds(), found.toString());
        assertEquals(0, s.get(0).start());
        assertEquals(timeline.duration(), s.get(2).end(), 1e-9);
        System.out.println("long video segments: " + found);
    }
}
