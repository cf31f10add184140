package io.videoseq.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.videoseq.app.UserInputException;
import io.videoseq.model.ModelConfig;
import io.videoseq.training.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real configuration records through the loader: defaults, data, file and flags in that order. */
class RunConfigLoaderTest {
    private static final ModelConfig DATA_BASE = ModelConfig.defaults().withFeatureDim(16).withNumClasses(3);

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
        assertEquals(new ModelConfig(16, 32, 3, 4, 4, 0.4, true, List.of(64, 32, 16)), model);
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
        UserInputException unknown = assertThrows(UserInputException.class,
                () -> RunConfigLoader.read(file("{\"training\": {\"epoch\": 3}}"))
                        .training(TrainConfig.defaults(), JsonNodeFactory.instance.objectNode()));
        assertTrue(unknown.getMessage().contains("'training.epoch'"), unknown.getMessage());
        UserInputException heads = assertThrows(UserInputException.class,
                () -> RunConfigLoader.read(file("{\"model\": {\"hidden_dim\": 10, \"num_attention_heads\": 3}}"))
                        .model(DATA_BASE));
        assertTrue(heads.getMessage().contains("num_attention_heads"), heads.getMessage());
        UserInputException flag = assertThrows(UserInputException.class,
                () -> RunConfigLoader.read(null).training(TrainConfig.defaults(),
                        new ObjectMapper().readTree("{\"learning_rate\": -1}")));
        assertTrue(flag.getMessage().startsWith("command-line options"), flag.getMessage());
        assertTrue(flag.getMessage().contains("learning_rate"), flag.getMessage());
        UserInputException section = assertThrows(UserInputException.class,
                () -> RunConfigLoader.read(file("{\"optimizer\": {}}")));
        assertTrue(section.getMessage().contains("'optimizer'"), section.getMessage());
    }
}
