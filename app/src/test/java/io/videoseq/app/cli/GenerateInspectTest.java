package io.videoseq.app.cli;

import static io.videoseq.app.CliRunner.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.videoseq.app.CliRunner.Run;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateInspectTest {
    @TempDir
    Path dir;

    @Test
    void generateWritesThreeSplitsThatInspectValidates() throws IOException {
        run("generate", "--out", dir.toString(), "--videos", "20", "--feature-dim", "5", "--classes", "3",
                "--min-frames", "2", "--max-frames", "9", "--suffix", "_x", "--seed", "3").assertOk();
        int[] expected = {12, 4, 4};
        String[] splits = {"train", "val", "test"};
        for (int s = 0; s < 3; s++) {
            Path file = dir.resolve(splits[s] + "_features_x.h5");
            Run inspect = run("inspect", file.toString(), "--json");
            inspect.assertOk();
            assertEquals(1, inspect.out().strip().lines().count(), "one JSON line: " + inspect.out());
            JsonNode json = new ObjectMapper().readTree(inspect.out());
            List<String> keys = new ArrayList<>();
            json.fieldNames().forEachRemaining(keys::add);
            assertEquals(List.of("videos", "max_frames", "feature_dim", "labelled", "class_counts",
                    "category_mapping", "zero_frame_videos", "feature_extractor", "file"), keys);
            assertEquals(file.toString(), json.get("file").asText());
            assertTrue(json.get("feature_extractor").isNull(), "synthetic files record no backbone");
            assertEquals(expected[s], json.get("videos").asInt());
            assertEquals(5, json.get("feature_dim").asInt());
            assertTrue(json.get("max_frames").asInt() <= 9);
            int sum = 0;
            for (JsonNode c : json.get("class_counts")) {
                sum += c.asInt();
            }
            assertEquals(expected[s], sum);
            assertEquals(0, json.get("category_mapping").get("walk").asInt());
            assertEquals(2, json.get("category_mapping").get("jump").asInt());
        }
        Run text = run("inspect", dir.resolve("train_features_x.h5").toString());
        text.assertOk();
        for (String part : List.of("videos       12", "feature dim  5", "walk", "run", "jump", "length       min")) {
            assertTrue(text.out().contains(part), "missing '" + part + "' in\n" + text.out());
        }
    }

    @Test
    void inspectTakesSeveralFilesAndFoldersOfThem() throws IOException {
        run("generate", "--out", dir.toString(), "--videos", "20", "--feature-dim", "5", "--classes", "3",
                "--seed", "3").assertOk();
        // the folder generate wrote, as a new user passes it: its .h5 files in name order, one JSON line each
        Run folder = run("inspect", dir.toString(), "--json");
        folder.assertOk();
        List<String> lines = folder.out().strip().lines().toList();
        assertEquals(3, lines.size(), folder.out());
        String[] names = {"test_features.h5", "train_features.h5", "val_features.h5"};
        int[] videos = {4, 12, 4};
        for (int i = 0; i < 3; i++) {
            JsonNode json = new ObjectMapper().readTree(lines.get(i));
            assertEquals(dir.resolve(names[i]).toString(), json.get("file").asText());
            assertEquals(videos[i], json.get("videos").asInt());
        }
        Run two = run("inspect", dir.resolve("val_features.h5").toString(),
                dir.resolve("train_features.h5").toString());
        two.assertOk();
        String out = two.out();
        int val = out.indexOf("file         " + dir.resolve("val_features.h5"));
        int train = out.indexOf("file         " + dir.resolve("train_features.h5"));
        assertTrue(val >= 0 && train > val, "both reports, in the order given:\n" + out);
        Path empty = Files.createDirectory(dir.resolve("empty"));
        run("inspect", empty.toString()).assertBadInput(empty + ": expected a feature file or a folder with .h5");
    }

    @Test
    void inspectReportsTheFirstNonFiniteValueWithItsVideo() throws IOException {
        Path file = dir.resolve("nan_feature.h5");
        try (InputStream in = getClass().getResourceAsStream("/nan_feature.h5")) {
            Files.copy(in, file);
        }
        run("inspect", file.toString()).assertBadInput("video 2");
        run("inspect", file.toString(), "--json").assertBadInput("NaN");
    }

    @Test
    void badFilesAndOptionsExitTwo() throws IOException {
        run("inspect", dir.resolve("absent.h5").toString()).assertBadInput("absent.h5");
        Path junk = dir.resolve("junk.h5");
        Files.writeString(junk, "not an HDF5 file at all");
        run("inspect", junk.toString()).assertBadInput("junk.h5");
        run("generate", "--out", dir.toString(), "--videos", "2").assertBadInput("--videos");
        run("generate", "--out", dir.toString(), "--classes", "1").assertBadInput("--classes: expected >= 2, found 1");
        run("generate", "--out", dir.toString(), "--min-frames", "9", "--max-frames", "3")
                .assertBadInput("--max-frames");
        run("generate", "--out", dir.toString(), "--feature-dim", "x").assertBadInput("--feature-dim");
        run("generate").assertBadInput("--out");
    }
}
