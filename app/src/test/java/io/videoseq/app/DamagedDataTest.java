package io.videoseq.app;

import static io.videoseq.app.CliRunner.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged or incomplete data ends every command with exit 2 and one line naming file, entry and video, unless the
 * user accepts it explicitly; files are damaged the ways measured on real ones ({@link H5Damage}).
 */
class DamagedDataTest {
    private static final String TINY_MODEL = "\"model\": {\"hidden_dim\": 8, \"num_lstm_layers\": 1,"
            + " \"num_attention_heads\": 2, \"head_dims\": [8, 8, 8]}";

    @TempDir
    Path dir;

    private String p(String relative) {
        return dir.resolve(relative).toString();
    }

    private Path generate(String name, int videos, int featureDim) {
        run("generate", "--out", p(name), "--videos", Integer.toString(videos), "--feature-dim",
                Integer.toString(featureDim), "--classes", "3", "--min-frames", "3", "--max-frames", "6").assertOk();
        return dir.resolve(name);
    }

    @Test
    void corruptAttributeIsBadInputNotACrash() throws IOException {
        Path file = generate("d", 9, 4).resolve("val_features.h5");
        H5Damage.nilStringReference(file, "{\"walk\": 0, \"run\": 1, \"jump\": 2}");
        run("inspect", file.toString()).assertBadInput(file + ": attribute category_mapping: expected");
    }

    @Test
    void inspectListsAllZeroVideosAndExitsTwoUnlessAllowed() throws IOException {
        Path file = generate("d", 20, 4).resolve("train_features.h5"); // 12 videos
        H5Damage.dropLastChunks(file, 12, 2);
        CliRunner.Run text = run("inspect", file.toString());
        text.assertBadInput(file + ": features video 10: expected a non-zero value in every video's real frames,"
                + " found 2 videos whose real frames are all exactly 0");
        assertTrue(text.out().contains("all exactly 0: 10, 11"), text.out());
        CliRunner.Run json = run("inspect", file.toString(), "--json");
        json.assertBadInput("2 videos");
        assertEquals("[10,11]", new ObjectMapper().readTree(json.out()).get("zero_frame_videos").toString());
        CliRunner.Run allowed = run("inspect", file.toString(), "--json", "--allow-zero-frames");
        allowed.assertOk();
        assertEquals("[10,11]", new ObjectMapper().readTree(allowed.out()).get("zero_frame_videos").toString());
        assertTrue(run("inspect", file.toString(), "--allow-zero-frames").out().contains("accepted"));
    }

    @Test
    void evaluateAndPredictRefuseAllZeroVideosUnlessAllowed() throws IOException {
        Path stateDict = dir.resolve("parity.h5");
        try (InputStream in = getClass().getResourceAsStream("/parity.h5")) {
            Files.copy(in, stateDict);
        }
        run("import-torch", stateDict.toString(), "--out", p("m.zip")).assertOk();
        Path test = generate("d", 12, 16).resolve("test_features.h5"); // 3 videos
        H5Damage.dropLastChunks(test, 3, 2);
        run("predict", "--model", p("m.zip"), "--features", test.toString(), "--out", p("p.csv"))
                .assertBadInput(test + ": features video 1: expected a non-zero value");
        assertTrue(Files.notExists(dir.resolve("p.csv")));
        run("evaluate", "--model", p("m.zip"), "--features", test.toString(), "--tta")
                .assertBadInput("features video 1");
        run("predict", "--model", p("m.zip"), "--features", test.toString(), "--out", p("p.csv"),
                "--allow-zero-frames").assertOk();
        run("evaluate", "--model", p("m.zip"), "--features", test.toString(), "--allow-zero-frames").assertOk();
    }

    @Test
    void trainRefusesAMissingClassAndZeroFramesUnlessTheConfigAllows() throws IOException {
        Path data = generate("d", 4, 4); // 2 training videos for 3 classes, 1 validation video
        H5Damage.dropLastChunks(data.resolve("val_features.h5"), 1, 1);
        String[] train = {"train", "--features-dir", data.toString(), "--config", p("c.json"), "--epochs", "1",
            "--batch-size", "2", "--output-dir", p("ckpt"), "--results-dir", p("res")};
        Files.writeString(dir.resolve("c.json"), "{" + TINY_MODEL + "}");
        run(train).assertBadInput(data.resolve("train_features.h5") + ": labels: expected at least one training"
                + " video of every class in [0, 3), found none of class");
        Files.writeString(dir.resolve("c.json"), "{" + TINY_MODEL + ", \"training\": {\"allow_missing_classes\":"
                + " true}}");
        run(train).assertBadInput(data.resolve("val_features.h5") + ": features video 0");
        Files.writeString(dir.resolve("c.json"), "{" + TINY_MODEL + ", \"training\": {\"allow_missing_classes\":"
                + " true, \"allow_zero_frames\": true}}");
        run(concat(train, "--force")).assertOk();
        JsonNode config = new ObjectMapper().readTree(dir.resolve("res/temporal_model_results.json").toFile())
                .get("train_config");
        assertTrue(config.get("allow_zero_frames").asBoolean() && config.get("allow_missing_classes").asBoolean());
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
