package io.videoseq.video.backbone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.videoseq.video.RgbFrame;
import io.videoseq.video.TestAssets;
import io.videoseq.video.decode.VideoDecoder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Keras {@code .h5} path (what users bring): the test MobileNetV2 written as a Keras 2 {@code model.save} file,
 * with ReLU6's {@code max_value: 6} as the integer Keras writes, imports through DL4J and gives the same features
 * as the TensorFlow.js path.
 */
class KerasH5BackboneTest {
    @TempDir
    Path dir;

    @Test
    void anH5FileGivesTheSameFeaturesAsTheTfjsModel() throws Exception {
        TfjsLayersModel tfjs = TfjsLayersModel.read(TestAssets.backbone());
        String config = tfjs.kerasJson().replace("\"max_value\":6.0", "\"max_value\":6")
                .replace(",\"keras_version\":\"2.2.4\",\"backend\":\"tensorflow\"", "");
        assertTrue(config.contains("\"max_value\":6,"), "the integer that KerasReLU cannot cast");
        Path h5 = dir.resolve("mobilenet_v2.h5");
        KerasH5Writer.write(h5, config, tfjs.weights());

        KerasBackbone fromH5 = KerasBackbone.load(h5, TestAssets.LAYER, TestAssets.preprocessing());
        KerasBackbone fromTfjs = KerasBackbone.load(TestAssets.backbone(), TestAssets.LAYER,
                TestAssets.preprocessing());
        assertEquals("keras-h5", fromH5.identity().format());
        assertEquals("mobilenet_v2.h5", fromH5.identity().file());
        assertEquals(1280, fromH5.identity().featureDim());
        List<RgbFrame> frames = VideoDecoder.frames(TestAssets.video("realshort.mp4"), new int[] {0, 30});
        float[][] a = fromH5.features(frames);
        float[][] b = fromTfjs.features(frames);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(b[i], a[i], 1e-6f);
        }
        assertEquals(List.of("weights sha256 " + fromH5.identity().sha256().substring(0, 12) + " vs "
                        + fromTfjs.identity().sha256().substring(0, 12)),
                fromH5.identity().differences(fromTfjs.identity()), "another file is another backbone");
    }
}
