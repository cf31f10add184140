package io.videoseq.app.cli;

import static io.videoseq.app.CliRunner.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.videoseq.torch.ConfigAttribute;
import io.videoseq.inference.EnsemblePredictor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import-torch --config model.json} for a state dict exported from an older checkpoint saved without
 * {@code model_config} (parity.h5 with its config attribute removed), and against one that has it.
 */
class ImportTorchConfigTest {
    /** parity.h5's dimensions, as a run config's "model" block. */
    private static final String PARITY_MODEL = "{\"feature_dim\": 16, \"hidden_dim\": 8, \"num_classes\": 3,"
            + " \"num_lstm_layers\": 2, \"num_attention_heads\": 2, \"dropout\": 0.4, \"bidirectional\": true,"
            + " \"head_dims\": [12, 10, 6]}";

    @TempDir
    Path dir;

    private Path parity(String name) throws IOException {
        Path p = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/parity.h5")) {
            assertNotNull(in, "test resource parity.h5");
            Files.copy(in, p);
        }
        return p;
    }

    private String json(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content).toString();
    }

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void aStateDictWithoutModelConfigNeedsTheDimensions() throws IOException {
        Path old = parity("old.h5");
        ConfigAttribute.replace(old, null);
        run("import-torch", old.toString(), "--out", p("old.zip"))
                .assertBadInput(old + ": attribute 'config': expected the checkpoint's model_config");
        run("import-torch", old.toString(), "--out", p("old.zip")).assertBadInput("--config model.json");
        assertTrue(Files.notExists(dir.resolve("old.zip")));

        run("import-torch", old.toString(), "--out", p("old.zip"), "--config", json("model.json", PARITY_MODEL))
                .assertOk();
        run("import-torch", parity("parity.h5").toString(), "--out", p("new.zip")).assertOk();
        assertEquals(EnsemblePredictor.loadOne(dir.resolve("new.zip")).params(),
                EnsemblePredictor.loadOne(dir.resolve("old.zip")).params(), "the same model either way");

        run("import-torch", old.toString(), "--out", p("typo.zip"), "--config",
                json("typo.json", "{\"hiden_dim\": 8}"))
                .assertBadInput("typo.json: model: unknown key 'model.hiden_dim'");
        run("import-torch", old.toString(), "--out", p("none.zip"), "--config", p("missing.json"))
                .assertBadInput("missing.json");
    }

    @Test
    void aGivenConfigMustAgreeWithTheStateDicts() throws IOException {
        Path parity = parity("parity.h5");
        run("import-torch", parity.toString(), "--out", p("partial.zip"), "--config",
                json("partial.json", "{\"hidden_dim\": 8, \"head_dims\": [12, 10, 6]}")).assertOk();
        run("import-torch", parity.toString(), "--out", p("wide.zip"), "--config",
                json("wide.json", "{\"hidden_dim\": 9}"))
                .assertBadInput(parity + ": model_config key hidden_dim: the state dict says 8, " + p("wide.json")
                        + " says 9");
        assertTrue(Files.notExists(dir.resolve("wide.zip")));
    }
}
