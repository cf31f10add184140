package io.videoseq.training;

import io.videoseq.data.ReadMode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.videoseq.training.history.Monitor;
import io.videoseq.training.io.Json;
import io.videoseq.training.metrics.Direction;
import io.videoseq.training.metrics.Metric;
import io.videoseq.training.metrics.MetricRegistry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
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
        assertEquals("val_acc", c.monitor());
        assertEquals(Direction.MAX, c.mode());
    }

    @Test
    void theModeFollowsTheMonitorAndMustAgreeWithIt() throws Exception {
        TrainConfig loss = Json.mapper().readValue("{\"monitor\": \"val_loss\"}", TrainConfig.class);
        assertEquals(new Monitor("val_loss", Direction.MIN), loss.monitored());
        assertEquals(loss, Json.mapper().readValue("{\"monitor\": \"val_loss\", \"mode\": \"min\"}",
                TrainConfig.class));
        assertEquals(Direction.MAX, TrainConfig.builder().monitor("val_macro_f1").build().mode());
        // The builder's monitor() drops the mode it had, so a copy of a val_acc config can watch a loss.
        assertEquals(Direction.MIN, TrainConfig.defaults().toBuilder().monitor("val_log_loss").build().mode());
        Exception contradiction = assertThrows(Exception.class, () -> Json.mapper().readValue(
                "{\"monitor\": \"val_acc\", \"mode\": \"min\"}", TrainConfig.class));
        assertTrue(rootMessage(contradiction).contains("train config: mode = min contradicts monitor val_acc, which"
                + " is better when higher; give mode max or leave it out"), rootMessage(contradiction));
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> TrainConfig.builder().mode(Direction.NONE).build());
        assertEquals("train config: mode = none, expected max or min", none.getMessage());
    }

    /**
     * Whether a monitor is known depends on the run's metrics, so the record takes any name and the run's set-up
     * refuses an unknown one ({@link TrainConfig#resolveMonitor}) with the message the record gave before.
     */
    @Test
    void anUnknownMonitorIsRefusedListingTheKnownOnes() {
        TrainConfig unknown = TrainConfig.builder().monitor("val_accuracy").build();
        assertNull(unknown.mode(), "the mode of a column no built-in has waits for the run's registry");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> unknown.resolveMonitor(MetricRegistry.builtIn()));
        assertEquals("train config: monitor = \"val_accuracy\", expected one of train_loss, train_acc, val_loss,"
                + " val_acc, val_weighted_f1, worst_class_f1, val_macro_f1, val_balanced_accuracy,"
                + " val_top_k_accuracy, val_roc_auc_ovr_macro, val_log_loss, val_brier, val_ece", e.getMessage());
        IllegalStateException early = assertThrows(IllegalStateException.class, unknown::monitored);
        assertTrue(early.getMessage().contains("resolveMonitor"), early.getMessage());
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class,
                () -> TrainConfig.builder().monitor(" ").build());
        assertEquals("train config: monitor = \" \", expected a history column such as val_acc", blank.getMessage());
    }

    @Test
    void aLibraryMetricIsAMonitorOfTheRegistryThatHasIt() throws Exception {
        MetricRegistry metrics = MetricRegistry.builtIn().with(Metric.scalar("spread", Direction.MIN, s -> 1.0));
        TrainConfig c = TrainConfig.builder().monitor("val_spread").build();
        assertEquals(new Monitor("val_spread", Direction.MIN), c.resolveMonitor(metrics).monitored(),
                "the mode follows the metric's direction");
        assertEquals(c.resolveMonitor(metrics), c.toBuilder().mode(Direction.MIN).build().resolveMonitor(metrics));
        IllegalArgumentException contradiction = assertThrows(IllegalArgumentException.class,
                () -> c.toBuilder().mode(Direction.MAX).build().resolveMonitor(metrics));
        assertEquals("train config: mode = max contradicts monitor val_spread, which is better when lower; give mode"
                + " min or leave it out", contradiction.getMessage());
        IllegalArgumentException without = assertThrows(IllegalArgumentException.class,
                () -> c.resolveMonitor(MetricRegistry.builtIn()));
        assertTrue(without.getMessage().startsWith("train config: monitor = \"val_spread\", expected one of"
                + " train_loss,"), without.getMessage());
        TrainConfig defaults = TrainConfig.defaults();
        assertSame(defaults, defaults.resolveMonitor(metrics), "a built-in monitor is decided already");
        // JSON naming it reads (a checkpoint's configuration is read back on resume), with or without its mode.
        TrainConfig read = Json.mapper().readValue("{\"monitor\": \"val_spread\"}", TrainConfig.class);
        assertEquals(c, read);
        ObjectNode keys = JsonNodeFactory.instance.objectNode().put("monitor", "val_spread");
        assertEquals("min", TrainConfig.impliedModeOf(metrics).apply(keys).get("mode").asText());
        assertEquals(keys, TrainConfig.withImpliedMode(keys), "the built-in metrics do not know its direction");
    }

    /**
     * Configurations recorded before the monitor existed (the results golden file) and a checkpoint's
     * configuration of a run by a library metric, in the current format, read back unchanged.
     */
    @Test
    void recordedConfigurationsReadBack() throws Exception {
        JsonNode before = Json.mapper().readTree(getClass().getResource("/formats/results.json"))
                .get("train_config");
        assertFalse(before.has("monitor"));
        assertEquals(TrainConfig.defaults(), Json.mapper().treeToValue(before, TrainConfig.class));
        String text = new String(getClass().getResourceAsStream("/formats/train_config_library_monitor.json")
                .readAllBytes(), StandardCharsets.UTF_8);
        TrainConfig custom = Json.mapper().readValue(text, TrainConfig.class);
        assertEquals(TrainConfig.builder().epochs(4).batchSize(8).patience(2).monitor("val_spread")
                .mode(Direction.MIN).checkpointEvery(1).keepCheckpoints(2).scheduleT0(2).build(), custom);
        assertEquals(new Monitor("val_spread", Direction.MIN), custom.monitored());
        assertEquals(text.strip(), Json.mapper().writeValueAsString(custom).strip(),
                "written as it was read (no key renamed)");
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
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
