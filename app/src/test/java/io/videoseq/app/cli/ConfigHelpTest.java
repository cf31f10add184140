package io.videoseq.app.cli;

import static io.videoseq.app.CliRunner.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.videoseq.app.CliRunner;
import io.videoseq.training.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Help shows the records' defaults; --print-config prints what a run would use, as a reusable config file. */
class ConfigHelpTest {
    @TempDir
    Path dir;

    @Test
    void helpShowsTheDefaultsOfTheTrainingRecord() {
        TrainConfig d = TrainConfig.defaults();
        for (String command : new String[] {"train", "ensemble"}) {
            CliRunner.Run help = run(command, "--help");
            help.assertOk();
            String text = help.out().replaceAll("\\s+", " ");
            assertTrue(text.contains("Maximum epochs (default: " + d.epochs() + ")"), text);
            assertTrue(text.contains("Sequences per batch (default: " + d.batchSize() + ")"), text);
            assertTrue(text.contains("Base learning rate (default: " + d.learningRate() + ")"), text);
            assertTrue(text.contains("Seed of everything random (default: " + d.seed() + ")"), text);
            assertFalse(text.contains("${bundle"), text);
        }
    }

    @Test
    void printConfigMergesDefaultsDataFileAndFlagsAndRoundTrips() throws Exception {
        run("generate", "--out", dir.resolve("data").toString(), "--videos", "12", "--feature-dim", "8",
                "--classes", "3", "--seed", "1").assertOk();
        Files.writeString(dir.resolve("c.json"), "{\"model\": {\"hidden_dim\": 16, \"num_attention_heads\": 4},"
                + " \"training\": {\"patience\": 7}}");
        String[] args = {"train", "--features-dir", dir.resolve("data").toString(), "--config",
            dir.resolve("c.json").toString(), "--epochs", "9", "--output-dir", dir.resolve("ckpt").toString(),
            "--results-dir", dir.resolve("res").toString(), "--print-config"};
        CliRunner.Run printed = run(args);
        printed.assertOk();
        JsonNode json = new ObjectMapper().readTree(printed.out());
        assertEquals(8, json.at("/model/feature_dim").asInt(), "from the data");
        assertEquals(3, json.at("/model/num_classes").asInt(), "from the data");
        assertEquals(16, json.at("/model/hidden_dim").asInt(), "from the file");
        assertEquals(7, json.at("/training/patience").asInt(), "from the file");
        assertEquals(9, json.at("/training/epochs").asInt(), "from the flag");
        assertEquals(TrainConfig.defaults().batchSize(), json.at("/training/batch_size").asInt(), "default");
        assertFalse(Files.exists(dir.resolve("ckpt")) || Files.exists(dir.resolve("res")), "nothing is written");

        Files.writeString(dir.resolve("printed.json"), printed.out());
        CliRunner.Run again = run("train", "--features-dir", dir.resolve("data").toString(), "--config",
                dir.resolve("printed.json").toString(), "--print-config");
        again.assertOk();
        assertEquals(json, new ObjectMapper().readTree(again.out()), "the printed file reproduces the configuration");
    }
}
