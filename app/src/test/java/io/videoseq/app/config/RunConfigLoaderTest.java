package io.videoseq.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.videoseq.core.config.ConfigException;
import io.videoseq.model.ModelConfig;
import io.videoseq.training.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** The real configuration records through the loader: defaults, data, file and flags in that order. */
class RunConfigLoaderTest {
    private static final ModelConfig DATA_BASE = ModelConfig.defaults().toBuilder().featureDim(16).numClasses(3)
            .build();

    @TempDir
    Path dir;

    private Path file(String json) throws IOException {
        Path f = dir.resolve("run.json");
        Files.writeString(f, json);
        return f;
    }

    @Test
    void withoutFileOrFlagsEverythingIsTheOriginalsDefaultExceptWhatTheDataDecides() throws IOException {
        RunConfigLoader loader = RunConfigLoader.read(null);
        assertEquals(DATA_BASE, loader.model(DATA_BASE));
        assertEquals(TrainConfig.defaults(),
                loader.training(TrainConfig.defaults(), JsonNodeFactory.instance.objectNode()));
        assertEquals(768, loader.model(DATA_BASE).hiddenDim());
        assertEquals(150, TrainConfig.defaults().epochs());
    }

    @Test
    void fileOverridesDefaultsAndFlagsOverrideTheFile() throws IOException {
        RunConfigLoader loader = RunConfigLoader.read(file("{\"model\": {\"hidden_dim\": 32, \"num_attention_heads\":"
                + " 4, \"head_dims\": [64, 32, 16]}, \"training\": {\"epochs\": 20, \"batch_size\": 16,"
                + " \"schedule_unit\": \"iterations\"}}"));
        ModelConfig model = loader.model(DATA_BASE);
        assertEquals(ModelConfig.builder().featureDim(16).hiddenDim(32).numClasses(3).numLstmLayers(4)
                .numAttentionHeads(4).dropout(0.4).bidirectional(true).headDims(List.of(64, 32, 16)).build(), model);
        TrainConfig training = loader.training(TrainConfig.defaults(),
                new ObjectMapper().readTree("{\"epochs\": 2, \"seed\": 7}"));
        assertEquals(2, training.epochs(), "the flag wins over the file");
        assertEquals(16, training.batchSize(), "the file wins over the default");
        assertEquals(7, training.seed());
        assertEquals(TrainConfig.ScheduleUnit.ITERATIONS, training.scheduleUnit());
        assertEquals(TrainConfig.defaults().patience(), training.patience(), "omitted keys keep defaults");
    }

    @Test
    void unknownKeysAndInvalidValuesNameTheKey() throws IOException {
        ConfigException unknown = assertThrows(ConfigException.class,
                () -> RunConfigLoader.read(file("{\"training\": {\"epoch\": 3}}"))
                        .training(TrainConfig.defaults(), JsonNodeFactory.instance.objectNode()));
        assertTrue(unknown.getMessage().contains("'training.epoch'"), unknown.getMessage());
        ConfigException heads = assertThrows(ConfigException.class,
                () -> RunConfigLoader.read(file("{\"model\": {\"hidden_dim\": 10, \"num_attention_heads\": 3}}"))
                        .model(DATA_BASE));
        assertTrue(heads.getMessage().contains("num_attention_heads"), heads.getMessage());
        ConfigException flag = assertThrows(ConfigException.class,
                () -> RunConfigLoader.read(null).training(TrainConfig.defaults(),
                        new ObjectMapper().readTree("{\"learning_rate\": -1}")));
        assertTrue(flag.getMessage().startsWith("command-line options"), flag.getMessage());
        assertTrue(flag.getMessage().contains("learning_rate"), flag.getMessage());
        ConfigException section = assertThrows(ConfigException.class,
                () -> RunConfigLoader.read(file("{\"optimizer\": {}}")));
        assertTrue(section.getMessage().contains("'optimizer'"), section.getMessage());
    }

    /** Binds both sections, as a training command does. */
    private static RunConfig resolve(RunConfigLoader loader) {
        return new RunConfig(loader.model(DATA_BASE),
                loader.training(TrainConfig.defaults(), JsonNodeFactory.instance.objectNode()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "{\"training\": {\"batch_size\": \"16\"}}         | training.batch_size: expected an integer, found \"16\"",
        "{\"training\": {\"epochs\": 2.5}}                | training.epochs: expected an integer, found 2.5",
        "{\"training\": {\"seed\": 7.5}}                  | training.seed: expected an integer, found 7.5",
        "{\"training\": {\"learning_rate\": \"1e-3\"}}    | training.learning_rate: expected a number, found \"1e-3\"",
        "{\"training\": {\"learning_rate\": null}}        | training.learning_rate: expected a number, found null",
        "{\"training\": {\"epochs\": null}}               | training.epochs: expected an integer, found null",
        "{\"training\": {\"focal_alpha\": null}}          | training.focal_alpha: expected a string, found null",
        "{\"training\": {\"suffix\": null}}               | training.suffix: expected a string, found null",
        "{\"training\": {\"epochs\": true}}               | training.epochs: expected an integer, found true",
        "{\"training\": {\"clip_norm\": false}}           | training.clip_norm: expected a number, found false",
        "{\"training\": {\"augment\": 1}}                 | training.augment: expected a boolean, found 1",
        "{\"training\": {\"augment\": \"false\"}}         | training.augment: expected a boolean, found \"false\"",
        "{\"training\": {\"schedule_unit\": 0}}           | training.schedule_unit: expected a string, found 0",
        "{\"training\": {\"schedule_unit\": \"weekly\"}}  | training.schedule_unit: expected one of \"epochs\","
                + " \"iterations\", found \"weekly\"",
        "{\"training\": {\"suffix\": 5}}                  | training.suffix: expected a string, found 5",
        "{\"training\": {\"epochs\": [20]}}               | training.epochs: expected an integer, found [20]",
        "{\"training\": {\"eta_min\": {\"value\": 0}}}    | training.eta_min: expected a number, found {\"value\":0}",
        "{\"training\": 3}                                | training: expected an object, found 3",
        "{\"model\": {\"hidden_dim\": \"16\"}}             | model.hidden_dim: expected an integer, found \"16\"",
        "{\"model\": {\"dropout\": null}}                 | model.dropout: expected a number, found null",
        "{\"model\": {\"bidirectional\": \"yes\"}}         | model.bidirectional: expected a boolean, found \"yes\"",
        "{\"model\": {\"head_dims\": [64, 32.5, 16]}}     | model.head_dims[1]: expected an integer, found 32.5",
        "{\"model\": {\"head_dims\": 64}}                 | model.head_dims: expected an array, found 64",
        "{\"model\": {\"num_classes\": {\"n\": 3}}}       | model.num_classes: expected an integer, found {\"n\":3}",
        "{\"model\": {\"dropout\": 0.2}, \"training\": {\"epochs\": 2.5}} | training.epochs: expected an"
                + " integer, found 2.5",
    })
    void aValueOfTheWrongTypeIsOneLineNamingFileKeyExpectedTypeAndValue(String json, String problem)
            throws IOException {
        Path f = file(json);
        ConfigException e = assertThrows(ConfigException.class, () -> resolve(RunConfigLoader.read(f)));
        assertEquals(f + ": " + problem, e.getMessage());
    }

    @Test
    void everyOtherConfigErrorHasTheSameFormat() throws IOException {
        Path f = file("{}");
        List<String> messages = List.of(
                assertThrows(ConfigException.class,
                        () -> resolve(RunConfigLoader.read(file("{\"training\": {\"epoch\": 3}}")))).getMessage(),
                assertThrows(ConfigException.class,
                        () -> resolve(RunConfigLoader.read(file("{\"training\": {\"epochs\": 0}}")))).getMessage(),
                assertThrows(ConfigException.class,
                        () -> resolve(RunConfigLoader.read(file("{\"model\": {\"num_classes\": 1}}")))).getMessage());
        // The known keys are listed (alphabetically): the one meant is among them, whatever keys exist.
        assertTrue(messages.get(0).startsWith(f + ": training: unknown key 'training.epoch' (known keys: "),
                messages.get(0));
        assertTrue(messages.get(0).contains(", epochs, "), messages.get(0));
        assertEquals(f + ": training: train config: epochs = 0, expected >= 1", messages.get(1));
        assertTrue(messages.get(2).startsWith(f + ": model: num_classes = 1 is invalid"), messages.get(2));
    }

    @Test
    void integersWhereNumbersAreExpectedAndDocumentedStringsAreTaken() throws IOException {
        RunConfig config = resolve(RunConfigLoader.read(file("{\"model\": {\"dropout\": 0}, \"training\":"
                + " {\"learning_rate\": 1, \"focal_alpha\": \"none\", \"seed\": 3000000000}}")));
        assertEquals(0.0, config.model().dropout());
        assertEquals(1.0, config.training().learningRate());
        assertEquals(TrainConfig.FocalAlpha.NONE, config.training().focalAlpha());
        assertEquals(3_000_000_000L, config.training().seed());
    }
}
