package io.videoseq.training;

import io.videoseq.data.ReadMode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.videoseq.training.io.Json;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainConfigTest {

    @Test
    void defaultsAreTheOriginalsValues() {
        TrainConfig c = TrainConfig.defaults();
        assertEquals(150, c.epochs());
        assertEquals(48, c.batchSize());
        assertEquals(1e-3, c.learningRate());
        assertEquals(5e-4, c.weightDecay());
        assertEquals(25, c.patience());
        assertEquals(20, c.checkpointEvery());
        assertEquals(3, c.keepCheckpoints());
        assertEquals(20, c.scheduleT0());
        assertEquals(2, c.scheduleTMult());
        assertEquals(1e-6, c.etaMin());
        assertEquals(TrainConfig.ScheduleUnit.EPOCHS, c.scheduleUnit());
        assertEquals(2.0, c.focalGamma());
        assertEquals(0.1, c.labelSmoothing());
        assertEquals(TrainConfig.FocalAlpha.CLASS_WEIGHTS, c.focalAlpha());
        assertEquals(1.0, c.clipNorm());
        assertEquals(42L, c.seed());
        assertEquals("", c.suffix());
        assertEquals(ReadMode.PER_VIDEO, c.readMode());
        assertEquals(TrainConfig.Precision.FLOAT, c.dataType());
        assertTrue(c.augment());
        assertFalse(c.allowZeroFrames());
        assertFalse(c.allowMissingClasses());
        assertEquals(10_000, c.maxFramesLimit());
    }

    @Test
    void theFrameLimitIsAKeyOldConfigsDefaultAndZeroIsRefused() throws Exception {
        TrainConfig c = TrainConfig.builder().maxFramesLimit(50_000).build();
        String json = Json.mapper().writeValueAsString(c);
        assertTrue(json.contains("\"max_frames_limit\" : 50000"), json);
        assertEquals(c, Json.mapper().readValue(json, TrainConfig.class));
        assertEquals(50_000, c.featureFileLimits().maxFrames());
        // A config recorded before the key existed (old checkpoints, results) reads with the default.
        assertEquals(TrainConfig.defaults(), Json.mapper().readValue("{}", TrainConfig.class));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainConfig.builder().maxFramesLimit(0).build());
        assertEquals("train config: max_frames_limit = 0, expected >= 1", e.getMessage());
    }

    @Test
    void dataSafetyKeysAreSnakeCaseAndDefaultToFalse() throws Exception {
        TrainConfig c = TrainConfig.builder().allowZeroFrames(true).allowMissingClasses(true).build();
        String json = Json.mapper().writeValueAsString(c);
        assertTrue(json.contains("\"allow_zero_frames\" : true"), json);
        assertTrue(json.contains("\"allow_missing_classes\" : true"), json);
        assertEquals(c, Json.mapper().readValue(json, TrainConfig.class));
        TrainConfig one = Json.mapper().readValue("{\"allow_missing_classes\": true}", TrainConfig.class);
        assertEquals(TrainConfig.defaults().toBuilder().allowMissingClasses(true).build(), one);
    }

    @Test
    void omittedKeysKeepDefaultsAndSnakeCaseKeysAreRead() throws Exception {
        TrainConfig c = Json.mapper().readValue(
                "{\"epochs\": 7, \"batch_size\": 16, \"schedule_unit\": \"iterations\", \"focal_alpha\": \"none\","
                        + " \"data_type\": \"double\", \"read_mode\": \"in_memory\", \"suffix\": \"_multiscale\"}",
                TrainConfig.class);
        assertEquals(TrainConfig.defaults().toBuilder().epochs(7).batchSize(16)
                .scheduleUnit(TrainConfig.ScheduleUnit.ITERATIONS).focalAlpha(TrainConfig.FocalAlpha.NONE)
                .dataType(TrainConfig.Precision.DOUBLE).readMode(ReadMode.IN_MEMORY)
                .suffix("_multiscale").build(), c);
    }

    @Test
    void jsonRoundTripUsesSnakeCase() throws Exception {
        TrainConfig c = TrainConfig.builder().learningRate(3e-4).seed(45).augment(false).build();
        String json = Json.mapper().writeValueAsString(c);
        assertTrue(json.contains("\"learning_rate\" : 3.0E-4"), json);
        assertTrue(json.contains("\"schedule_unit\" : \"epochs\""), json);
        assertTrue(json.contains("\"focal_alpha\" : \"class_weights\""), json);
        assertEquals(c, Json.mapper().readValue(json, TrainConfig.class));
    }

    @Test
    void unknownKeyIsAnErrorNamingIt() {
        UnrecognizedPropertyException e = assertThrows(UnrecognizedPropertyException.class,
                () -> Json.mapper().readValue("{\"epochz\": 3}", TrainConfig.class));
        assertEquals("epochz", e.getPropertyName());
    }

    @Test
    void invalidValuesNameFieldValueAndRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainConfig.builder().batchSize(0).build());
        assertEquals("train config: batch_size = 0, expected >= 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().labelSmoothing(1.0).build());
        assertTrue(e.getMessage().contains("label_smoothing = 1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().etaMin(0.1).build());
        assertTrue(e.getMessage().contains("eta_min"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().suffix("../x").build());
        assertTrue(e.getMessage().contains("suffix"), e.getMessage());
        Exception viaJson = assertThrows(Exception.class,
                () -> Json.mapper().readValue("{\"patience\": 0}", TrainConfig.class));
        assertTrue(String.valueOf(viaJson.getMessage()).contains("patience = 0"), viaJson.getMessage());
    }
}
