package io.videoseq.video.backbone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.videoseq.video.BackboneIdentity;
import io.videoseq.video.Preprocessing;
import io.videoseq.video.TestAssets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KerasBackboneTest {
    @TempDir
    Path dir;

    @Test
    void readsTheNsfwjsModelInJava() throws Exception {
        TfjsLayersModel m = TfjsLayersModel.read(TestAssets.backbone());
        assertEquals(2_619_461, m.parameterCount(), "the issue's count of uint8-quantized values");
        assertTrue(m.kerasJson().contains("\"keras_version\":\"2.2.4\""));
        assertTrue(m.kerasJson().contains("\"max_value\":6.0"), "ReLU6 max_value as a double for KerasReLU");
    }

    @Test
    void identityNamesWeightsLayerAndPreprocessing() {
        KerasBackbone b = KerasBackbone.load(TestAssets.backbone(), TestAssets.LAYER, TestAssets.preprocessing());
        BackboneIdentity id = b.identity();
        assertEquals("tfjs-layers", id.format());
        assertEquals(1280, id.featureDim());
        assertEquals("flatten_1", id.layer());
        KerasBackbone other = KerasBackbone.load(TestAssets.backbone(), "out_relu",
                Preprocessing.of(224, Preprocessing.ChannelOrder.BGR, 127.5, 127.5));
        assertEquals(7 * 7 * 1280, other.identity().featureDim(), "a conv layer's output is flattened");
        assertEquals(3, id.differences(other.identity()).size(), id.differences(other.identity()).toString());
        assertTrue(id.sameFeatures(b.identity()));
    }

    @Test
    void aSoftmaxOutputIsKnownForClassScores() {
        // the test MobileNetV2's own output: dense_3, softmax over its 5 moderation classes
        KerasBackbone output = KerasBackbone.load(TestAssets.backbone(), null, TestAssets.preprocessing());
        assertEquals(5, output.identity().featureDim());
        assertTrue(output.featuresAreClassScores());
        KerasBackbone pooled = KerasBackbone.load(TestAssets.backbone(), TestAssets.LAYER, TestAssets.preprocessing());
        assertFalse(pooled.featuresAreClassScores());
    }

    @Test
    void unusableBackbonesAreOneLine() throws Exception {
        Path missing = dir.resolve("none.h5");
        BackboneException e = assertThrows(BackboneException.class,
                () -> KerasBackbone.load(missing, null, TestAssets.preprocessing()));
        assertTrue(e.getMessage().startsWith(missing + ": expected a backbone model file"), e.getMessage());

        Path text = dir.resolve("weights.bin");
        Files.writeString(text, "nope");
        e = assertThrows(BackboneException.class, () -> KerasBackbone.load(text, null, TestAssets.preprocessing()));
        assertTrue(e.getMessage().startsWith(text + ": expected a Keras .h5 file (HDF5) or a TensorFlow.js"),
                e.getMessage());

        e = assertThrows(BackboneException.class,
                () -> KerasBackbone.load(TestAssets.backbone(), "no_such_layer", TestAssets.preprocessing()));
        assertTrue(e.getMessage().contains("--layer no_such_layer: expected a layer of the model, found none"),
                e.getMessage());

        Path copy = dir.resolve("cut");
        Files.createDirectories(copy);
        Files.copy(TestAssets.backbone().resolve("model.min.js"), copy.resolve("model.min.js"));
        String shard = Files.readString(TestAssets.backbone().resolve("group1-shard1of1.min.js"));
        Files.writeString(copy.resolve("group1-shard1of1.min.js"),
                shard.replaceFirst("exports=\"[A-Za-z0-9+/]{4000}", "exports=\""));
        e = assertThrows(BackboneException.class, () -> KerasBackbone.load(copy, null, TestAssets.preprocessing()));
        assertTrue(e.getMessage().contains(": weightsManifest[0]: expected 2619461 bytes of weights in shards"
                + " [group1-shard1of1], found 2616461"), e.getMessage());
        assertEquals(-1, e.getMessage().indexOf('\n'));
    }
}
