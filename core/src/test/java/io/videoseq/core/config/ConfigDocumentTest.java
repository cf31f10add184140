package io.videoseq.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigDocumentTest {
    /** Stands in for a module's configuration record: snake_case keys, validated in the constructor. */
    record Net(int hiddenDim, double dropout, List<Integer> headDims, Opt optimizer) {
        Net {
            if (hiddenDim < 1) {
                throw new IllegalArgumentException("hidden_dim must be >= 1, got " + hiddenDim);
            }
        }
    }

    record Opt(String name, double beta1) {
    }

    private static final ObjectMapper SNAKE = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    private static final Net DEFAULTS = new Net(768, 0.3, List.of(512, 256), new Opt("adamw", 0.9));
    private static final RecordBinder<Net> BINDER = new RecordBinder<>(SNAKE, Net.class, "model");

    @TempDir
    Path dir;

    private Path file(String json) throws IOException {
        Path f = dir.resolve("config.json");
        Files.writeString(f, json);
        return f;
    }

    private Net load(String json) throws IOException {
        return ConfigDocument.read(file(json), Set.of("model", "training")).bind(BINDER, DEFAULTS);
    }

    @Test
    void omittedKeysKeepDefaults() throws IOException {
        assertEquals(DEFAULTS, load("{}"));
        assertEquals(DEFAULTS, load("{\"training\": {}}"));
        assertEquals(DEFAULTS, ConfigDocument.empty().bind(BINDER, DEFAULTS));
    }

    @Test
    void givenKeysReplaceDefaultsAndNestedObjectsMerge() throws IOException {
        Net net = load("{\"model\": {\"hidden_dim\": 32, \"head_dims\": [8], \"optimizer\": {\"beta1\": 0.5}}}");
        assertEquals(new Net(32, 0.3, List.of(8), new Opt("adamw", 0.5)), net);
    }

    @Test
    void flagsOverrideTheFile() throws IOException {
        Net fromFile = load("{\"model\": {\"hidden_dim\": 32, \"dropout\": 0.1}}");
        Net overridden = BINDER.apply(fromFile, SNAKE.readTree("{\"hidden_dim\": 16}"), "command-line options");
        assertEquals(new Net(16, 0.1, List.of(512, 256), new Opt("adamw", 0.9)), overridden);
    }

    @Test
    void unknownKeysAreNamedAtEveryLevel() {
        ConfigException nested = assertThrows(ConfigException.class,
                () -> load("{\"model\": {\"hiden_dim\": 32}}"));
        assertTrue(nested.getMessage().contains("'model.hiden_dim'"), nested.getMessage());
        assertTrue(nested.getMessage().contains("hidden_dim"), "lists the known keys: " + nested.getMessage());
        ConfigException deeper = assertThrows(ConfigException.class,
                () -> load("{\"model\": {\"optimizer\": {\"beta9\": 1}}}"));
        assertTrue(deeper.getMessage().contains("'model.optimizer.beta9'"), deeper.getMessage());
        ConfigException top = assertThrows(ConfigException.class, () -> load("{\"modle\": {}}"));
        assertTrue(top.getMessage().contains("'modle'"), top.getMessage());
    }

    @Test
    void invalidValuesAndBrokenJsonAreOneLineErrors() throws IOException {
        ConfigException range = assertThrows(ConfigException.class,
                () -> load("{\"model\": {\"hidden_dim\": 0}}"));
        assertTrue(range.getMessage().contains("hidden_dim must be >= 1, got 0"), range.getMessage());
        ConfigException type = assertThrows(ConfigException.class,
                () -> load("{\"model\": {\"hidden_dim\": \"big\"}}"));
        assertTrue(type.getMessage().contains("model.hidden_dim"), type.getMessage());
        ConfigException syntax = assertThrows(ConfigException.class, () -> load("{\"model\": "));
        assertTrue(syntax.getMessage().contains("not valid JSON"), syntax.getMessage());
        ConfigException array = assertThrows(ConfigException.class, () -> load("[1]"));
        assertTrue(array.getMessage().contains("expected a JSON object"), array.getMessage());
        ConfigException dup = assertThrows(ConfigException.class,
                () -> load("{\"model\": {}, \"model\": {}}"));
        assertTrue(dup.getMessage().contains("model"), dup.getMessage());
        ConfigException trailing = assertThrows(ConfigException.class,
                () -> load("{\"model\": {\"hidden_dim\": 8}} x"));
        assertTrue(trailing.getMessage().contains("not valid JSON"), trailing.getMessage());
        for (ConfigException e : List.of(range, type, syntax, array, dup, trailing)) {
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            assertTrue(!e.getMessage().contains("Source:") && !e.getMessage().contains("REDACTED"),
                    "no Jackson internals: " + e.getMessage());
            assertTrue(e.getMessage().startsWith(dir.resolve("config.json").toString()), e.getMessage());
        }
    }

    @Test
    void missingFileIsNoSuchFile() {
        assertThrows(NoSuchFileException.class,
                () -> ConfigDocument.read(dir.resolve("absent.json"), Set.of("model")));
    }
}
