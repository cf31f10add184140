package io.videoseq.app.cli;

import static io.videoseq.app.CliRunner.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.videoseq.app.CliRunner.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code train --config} in-process: a strict configuration file fails before any training, with one line. */
class TrainCommandTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void tinyData() {
        run("generate", "--out", dir.resolve("data").toString(), "--videos", "9", "--feature-dim", "4",
                "--classes", "2").assertOk();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "{\"training\": {\"epochs\": 2.5}}          | training.epochs: expected an integer, found 2.5",
        "{\"training\": {\"batch_size\": \"16\"}}   | training.batch_size: expected an integer, found \"16\"",
        "{\"training\": {\"learning_rate\": null}} | training.learning_rate: expected a number, found null",
        "{\"model\": {\"bidirectional\": 0}}       | model.bidirectional: expected a boolean, found 0",
    })
    void badConfigExitsTwoWithOneLineNamingFileAndKey(String json, String problem) throws IOException {
        Path config = Files.writeString(dir.resolve("bad.json"), json);
        Path checkpoints = dir.resolve("checkpoints");

        Run r = run("train", "--features-dir", dir.resolve("data").toString(), "--config", config.toString(),
                "--output-dir", checkpoints.toString(), "--results-dir", dir.resolve("results").toString());

        r.assertBadInput(config + ": " + problem);
        assertEquals("videoseq train: " + config + ": " + problem, r.err().strip());
        assertTrue(Files.notExists(checkpoints), "nothing is trained or written");
    }

    /** The frame limit reaches the reader from the flag and from the config file (the videos have 5..30 frames). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"flag", "config"})
    void theFrameLimitReachesTheReader(String from) throws IOException {
        Path config = Files.writeString(dir.resolve("limit.json"), "{\"training\": {\"max_frames_limit\": 4}}");
        String[] limit = from.equals("flag") ? new String[] {"--max-frames-limit", "4"}
                : new String[] {"--config", config.toString()};
        Path checkpoints = dir.resolve("checkpoints-" + from);
        String[] args = {"train", "--features-dir", dir.resolve("data").toString(), "--output-dir",
            checkpoints.toString(), "--results-dir", dir.resolve("results-" + from).toString(), limit[0], limit[1]};

        Run r = run(args);

        r.assertBadInput("train_features.h5: attribute max_frames: expected at most 4 frames per video");
        assertTrue(Files.notExists(checkpoints), "nothing is trained or written");
    }
}
