package io.videoseq.video.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.videoseq.inference.VideoClassifier;
import io.videoseq.model.ModelConfig;
import io.videoseq.model.TemporalModelFactory;
import io.videoseq.video.BackboneIdentity;
import io.videoseq.video.TestAssets;
import io.videoseq.video.backbone.KerasBackbone;
import io.videoseq.video.decode.VideoDecodeException;
import io.videoseq.video.decode.VideoLimits;
import io.videoseq.video.extract.ExtractionRecord;
import io.videoseq.video.extract.FrameSampling;
import io.videoseq.video.extract.VideoFeatures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library path of {@code classify}: the backbone checked against the model's record, then one video at a time. */
class VideoPipelineTest {
    private static final Path MODEL = Path.of("best_m.zip");
    private static final FrameSampling SAMPLING = FrameSampling.of(6, false);
    private static KerasBackbone backbone;
    private static VideoClassifier classifier;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws Exception {
        backbone = KerasBackbone.load(TestAssets.backbone(), TestAssets.LAYER, TestAssets.preprocessing());
        ModelConfig config = ModelConfig.builder().featureDim(backbone.featureDim()).hiddenDim(8).numClasses(3)
                .numLstmLayers(1).numAttentionHeads(2).headDims(8, 8, 8).build();
        classifier = VideoClassifier.of(List.of(TemporalModelFactory.build(config)), List.of("a", "b", "c"));
    }

    @AfterAll
    static void close() throws Exception {
        backbone.close();
    }

    @Test
    void aVideoIsClassifiedAsItsFeaturesAre() {
        ExtractionRecord record = new ExtractionRecord(backbone.identity(), SAMPLING, List.of("a", "b", "c"));
        VideoPipeline p = VideoPipeline.of(classifier, MODEL, record, backbone, SAMPLING, VideoLimits.DEFAULT);
        Path video = TestAssets.video("g1.avi");
        float[][] rows = new VideoFeatures(backbone, SAMPLING).of(video).rows();
        assertEquals(6, rows.length);
        assertArrayEquals(classifier.predict(rows).probabilities(), p.classify(video).probabilities(), 0f);
    }

    @Test
    void anotherBackboneOrWidthIsRefusedNamingBoth() {
        BackboneIdentity id = backbone.identity();
        BackboneIdentity other = new BackboneIdentity(id.format(), id.file(), id.sha256(), "out_relu", id.featureDim(),
                id.preprocessing());
        ExtractionRecord record = new ExtractionRecord(other, SAMPLING, null);
        BackboneMismatchException layer = assertThrows(BackboneMismatchException.class,
                () -> VideoPipeline.of(classifier, MODEL, record, backbone, SAMPLING, VideoLimits.DEFAULT));
        assertTrue(layer.getMessage().startsWith("the model best_m.zip was trained on features of "),
                layer.getMessage());
        assertTrue(layer.getMessage().contains("(layer out_relu vs " + TestAssets.LAYER + ")"), layer.getMessage());

        ModelConfig narrow = ModelConfig.builder().featureDim(16).hiddenDim(8).numClasses(3).numLstmLayers(1)
                .numAttentionHeads(2).headDims(8, 8, 8).build();
        VideoClassifier sixteen = VideoClassifier.of(List.of(TemporalModelFactory.build(narrow)), List.of("a", "b",
                "c"));
        BackboneMismatchException width = assertThrows(BackboneMismatchException.class,
                () -> VideoPipeline.of(sixteen, MODEL, null, backbone, SAMPLING, VideoLimits.DEFAULT));
        assertEquals("the backbone gives " + backbone.featureDim() + " features per frame; the model best_m.zip"
                + " expects 16", width.getMessage());
    }

    @Test
    void aVideoPastItsBoundsIsADecodeErrorNamingIt() throws Exception {
        VideoPipeline p = VideoPipeline.of(classifier, MODEL, null, backbone, SAMPLING,
                new VideoLimits(VideoLimits.DEFAULT_MAX_PIXELS, 3, VideoLimits.DEFAULT_MAX_SECONDS));
        Path video = TestAssets.video("g1.avi");
        VideoDecodeException e = assertThrows(VideoDecodeException.class, () -> p.classify(video));
        assertTrue(e.getMessage().contains(video.getFileName().toString()), e.getMessage());
        Path notAVideo = Files.writeString(dir.resolve("x.mp4"), "ffconcat version 1.0\nfile x.mp4\n");
        assertTrue(assertThrows(VideoDecodeException.class, () -> p.classify(notAVideo)).getMessage()
                .contains("concat"));
    }
}
