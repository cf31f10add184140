package io.videoseq.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.videoseq.app.CliRunner;
import io.videoseq.app.TestFixtures;
import io.videoseq.training.io.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.videoseq.app.CliRunner.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --monitor} and {@code --mode} (and their config keys) as a user meets them. */
class MonitorOptionsTest {

    @TempDir
    Path dir;

    private String p(String relative) {
        return dir.resolve(relative).toString();
    }

    @BeforeEach
    void data() throws Exception {
        run("generate", "--out", p("data"), "--videos", "30", "--feature-dim", "6", "--classes", "3",
                "--min-frames", "3", "--max-frames", "7", "--seed", "3").assertOk();
        Files.writeString(dir.resolve("tiny.json"), TestFixtures.TINY_CONFIG);
    }

    private CliRunner.Run train(String... more) {
        String[] base = {"train", "--features-dir", p("data"), "--config", p("tiny.json"), "--output-dir", p("ckpt"),
            "--results-dir", p("res"), "--model-name", "m", "--monitor-interval", "60"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return run(all);
    }

    @Test
    void anUnknownMonitorIsOneLineListingTheKnownNames() throws Exception {
        CliRunner.Run r = train("--monitor", "val_accuracy");
        r.assertBadInput("monitor = \"val_accuracy\", expected one of train_loss, train_acc, val_loss, val_acc,");
        assertTrue(r.err().contains("val_macro_f1") && r.err().contains("val_ece"), r.err());
        assertFalse(Files.exists(dir.resolve("ckpt")), "nothing written for a refused run");
        assertFalse(Files.exists(dir.resolve("res")), "not even the resource log");
        // Checked with the configuration, against the metrics the commands measure with: before any output.
        train("--monitor", "val_accuracy", "--print-config").assertBadInput("videoseq train: command-line options:"
                + " training: train config: monitor = \"val_accuracy\", expected one of train_loss,");
        Path file = dir.resolve("unknown.json");
        Files.writeString(file, "{\"training\": {\"monitor\": \"val_accuracy\"}}");
        run("train", "--features-dir", p("data"), "--config", file.toString(), "--print-config").assertBadInput(
                file + ": training: train config: monitor = \"val_accuracy\", expected one of train_loss,");
    }

    @Test
    void aModeAgainstTheMonitorsDirectionIsRefused() {
        train("--mode", "min").assertBadInput("mode = min contradicts monitor val_acc, which is better when higher;"
                + " give mode max or leave it out");
        train("--monitor", "val_loss", "--mode", "max").assertBadInput("mode = max contradicts monitor val_loss");
    }

    @Test
    void theModeFollowsAMonitorGivenInTheFileOrAsAFlag() throws Exception {
        CliRunner.Run flag = train("--monitor", "val_loss", "--print-config");
        flag.assertOk();
        JsonNode printed = Json.mapper().readTree(flag.out());
        assertEquals("val_loss", printed.at("/training/monitor").asText());
        assertEquals("min", printed.at("/training/mode").asText());

        Files.writeString(dir.resolve("f1.json"), "{\"training\": {\"monitor\": \"val_macro_f1\"}}");
        CliRunner.Run file = run("train", "--features-dir", p("data"), "--config", p("f1.json"), "--print-config");
        file.assertOk();
        assertEquals("max", Json.mapper().readTree(file.out()).at("/training/mode").asText());
        Files.writeString(dir.resolve("ece.json"), "{\"training\": {\"monitor\": \"val_ece\"}}");
        CliRunner.Run ece = run("train", "--features-dir", p("data"), "--config", p("ece.json"), "--print-config");
        ece.assertOk();
        assertEquals("min", Json.mapper().readTree(ece.out()).at("/training/mode").asText());
    }

    @Test
    void aRunByAnotherMonitorSaysByWhatItsBestEpochIsBest() throws Exception {
        CliRunner.Run r = train("--epochs", "2", "--monitor", "val_loss");
        r.assertOk();
        JsonNode results = Json.mapper().readTree(dir.resolve("res/m_results.json").toFile());
        int best = results.get("best_epoch").asInt();
        double loss = results.at("/history/" + (best - 1) + "/val_loss").asDouble();
        assertTrue(r.out().contains("m: best epoch " + best + " of 2 by val_loss " + loss + " (val acc "), r.out());
    }

    @Test
    void aResumeWithAnotherMonitorIsRefusedNamingBoth() {
        train("--epochs", "1").assertOk();
        train("--epochs", "2", "--resume", "latest", "--monitor", "val_loss").assertBadInput(
                "the run's best epoch and patience are by monitor val_acc (max), this run asks for val_loss (min)");
        train("--epochs", "2", "--resume", "latest").assertOk();
    }
}
