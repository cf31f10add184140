package io.videoseq.app.cli;

import static io.videoseq.app.CliRunner.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.videoseq.app.CliRunner;
import io.videoseq.data.FeatureFile;
import io.videoseq.data.ReadMode;
import io.videoseq.data.SyntheticDataSpec;
import io.videoseq.data.SyntheticDataWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A feature file of new videos (no {@code labels} dataset) through the command line: inspect reports it, predict
 * classifies it exactly as it classifies the labelled file of the same videos, evaluate and training refuse it in one
 * line. The model is the imported parity fixture (16 features, 3 classes), so no training is needed.
 */
class UnlabeledFilesTest {
    private static final SyntheticDataSpec SPEC = new SyntheticDataSpec(1, 1, 1, 16, 3, 3, 11, "", 21);
    private static final int VIDEOS = 10;

    @TempDir
    static Path dir;
    static String model;
    static String newVideos;
    static String labelled;

    @BeforeAll
    static void importModelAndWriteFiles() throws IOException {
        Path stateDict = dir.resolve("parity.h5");
        try (InputStream in = UnlabeledFilesTest.class.getResourceAsStream("/parity.h5")) {
            assertNotNull(in, "test resource parity.h5");
            Files.copy(in, stateDict);
        }
        model = dir.resolve("model.zip").toString();
        run("import-torch", stateDict.toString(), "--out", model).assertOk();
        newVideos = dir.resolve("new_videos.h5").toString();
        labelled = dir.resolve("labelled.h5").toString();
        SyntheticDataWriter.writeUnlabeledFile(Path.of(newVideos), VIDEOS, SPEC);
        SyntheticDataWriter.writeFile(Path.of(labelled), VIDEOS, SPEC);
    }

    private static String p(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void generateWritesAFileOfNewVideosBesideTheSplitsWhichStayTheSame() throws IOException {
        Path with = dir.resolve("gen-with");
        Path without = dir.resolve("gen-without");
        String[] common = {"--videos", "12", "--feature-dim", "16", "--classes", "3", "--seed", "5"};
        CliRunner.Run r = run(concat(new String[] {"generate", "--out", with.toString(), "--unlabeled", "7"}, common));
        r.assertOk();
        assertTrue(r.out().contains("new_videos.h5 (no labels)"), r.out());
        run(concat(new String[] {"generate", "--out", without.toString()}, common)).assertOk();
        for (String f : List.of("train_features.h5", "val_features.h5", "test_features.h5")) {
            try (FeatureFile a = FeatureFile.open(with.resolve(f), ReadMode.PER_VIDEO);
                 FeatureFile b = FeatureFile.open(without.resolve(f), ReadMode.PER_VIDEO)) {
                assertEquals(b.size(), a.size(), f);
                for (int i = 0; i < a.size(); i++) {
                    org.junit.jupiter.api.Assertions.assertArrayEquals(b.read(i).values(), a.read(i).values(),
                            f + " video " + i + " does not depend on --unlabeled");
                    assertEquals(b.label(i), a.label(i));
                }
            }
        }
        CliRunner.Run inspect = run("inspect", with.resolve("new_videos.h5").toString(), "--json");
        inspect.assertOk();
        JsonNode j = new ObjectMapper().readTree(inspect.out());
        assertEquals(7, j.get("videos").asInt(), inspect.out());
        run("predict", "--model", model, "--features", with.resolve("new_videos.h5").toString(), "--out",
                p("gen-new.csv")).assertOk();
        run(concat(new String[] {"generate", "--out", with.toString(), "--unlabeled", "7"}, common))
                .assertBadInput("--force");
    }

    @Test
    void inspectSaysUnlabeledWithoutAClassTable() throws IOException {
        CliRunner.Run text = run("inspect", newVideos);
        text.assertOk();
        assertTrue(text.out().contains("labels       none: an unlabeled file"), text.out());
        assertTrue(text.out().contains("classes      3 (walk, run, jump)"), text.out());
        assertFalse(text.out().contains(" 0 walk"), "no per-class counts: " + text.out());
        assertTrue(text.out().contains("valid:"), text.out());

        CliRunner.Run json = run("inspect", newVideos, "--json");
        json.assertOk();
        JsonNode summary = new ObjectMapper().readTree(json.out());
        assertFalse(summary.get("labelled").asBoolean());
        assertTrue(summary.get("class_counts").isNull());
        assertEquals(VIDEOS, summary.get("videos").asInt());
        assertEquals(3, summary.get("category_mapping").size());
        JsonNode known = new ObjectMapper().readTree(run("inspect", labelled, "--json").out());
        assertTrue(known.get("labelled").asBoolean());
        assertEquals(VIDEOS, Arrays.stream(new ObjectMapper().treeToValue(known.get("class_counts"), int[].class))
                .sum());
    }

    @Test
    void predictClassifiesNewVideosLikeTheLabelledFileOfTheSameVideos() throws IOException {
        CliRunner.Run predict = run("predict", "--model", model, "--features", newVideos, "--out", p("new.csv"));
        predict.assertOk();
        assertTrue(predict.out().contains(VIDEOS + " predictions (unlabeled file: no accuracy)"), predict.out());
        List<String> rows = Files.readAllLines(dir.resolve("new.csv"));
        assertEquals("index,predicted,predicted_name,prob_0,prob_1,prob_2", rows.get(0));
        assertEquals(VIDEOS + 1, rows.size());
        List<String> names = List.of("walk", "run", "jump");
        for (int i = 1; i < rows.size(); i++) {
            String[] f = rows.get(i).split(",");
            assertEquals(6, f.length, rows.get(i));
            assertEquals(i - 1, Integer.parseInt(f[0]));
            int predicted = Integer.parseInt(f[1]);
            assertEquals(names.get(predicted), f[2]);
            assertEquals(predicted, argMax(f, 3, 3), "predicted = arg-max of row " + i);
        }

        run("predict", "--model", model, "--features", labelled, "--out", p("known.csv")).assertOk();
        List<String> known = Files.readAllLines(dir.resolve("known.csv"));
        assertEquals("index,true_label,predicted,predicted_name,prob_0,prob_1,prob_2", known.get(0));
        for (int i = 1; i < rows.size(); i++) {
            String withoutTrueLabel = known.get(i).replaceFirst("^(\\d+),\\d+,", "$1,");
            assertEquals(rows.get(i), withoutTrueLabel, "same videos, same predictions (row " + i + ")");
        }
    }

    @Test
    void topKAddsTheMostProbableClassNames() throws IOException {
        run("predict", "--model", model, "--features", newVideos, "--out", p("top.csv"), "--top-k", "2", "--tta")
                .assertOk();
        List<String> rows = Files.readAllLines(dir.resolve("top.csv"));
        assertEquals("index,predicted,predicted_name,prob_0,prob_1,prob_2,top1,top1_prob,top2,top2_prob",
                rows.get(0));
        List<String> names = List.of("walk", "run", "jump");
        for (int i = 1; i < rows.size(); i++) {
            String[] f = rows.get(i).split(",");
            assertEquals(10, f.length, rows.get(i));
            int predicted = Integer.parseInt(f[1]);
            assertEquals(f[2], f[6], "top1 is the predicted class");
            assertEquals(f[3 + predicted], f[7], "top1_prob is the predicted class's probability");
            int second = names.indexOf(f[8]);
            assertTrue(second >= 0 && second != predicted, rows.get(i));
            assertEquals(f[3 + second], f[9]);
            assertTrue(Double.parseDouble(f[7]) >= Double.parseDouble(f[9]), rows.get(i));
        }
        run("predict", "--model", model, "--features", newVideos, "--out", p("all.csv"), "--top-k", "3").assertOk();
    }

    @Test
    void badTopKIsRefusedInOneLineAndWritesNothing() {
        run("predict", "--model", model, "--features", newVideos, "--out", p("k0.csv"), "--top-k", "0")
                .assertBadInput("--top-k: expected an integer >= 1, found 0");
        run("predict", "--model", model, "--features", newVideos, "--out", p("k4.csv"), "--top-k", "4")
                .assertBadInput("--top-k: expected an integer in [1, 3]");
        run("predict", "--model", model, "--features", newVideos, "--out", p("kx.csv"), "--top-k", "two")
                .assertBadInput("--top-k");
        for (String name : List.of("k0.csv", "k4.csv", "kx.csv")) {
            assertTrue(Files.notExists(dir.resolve(name)), name);
        }
    }

    @Test
    void evaluateAndTrainingRefuseAFileWithoutLabels() throws IOException {
        run("evaluate", "--model", model, "--features", newVideos, "--out", p("eval/report.json"))
                .assertBadInput(newVideos + ": labels: expected a dataset 'labels' (evaluate compares predictions"
                        + " with the true classes");
        assertTrue(Files.notExists(dir.resolve("eval/report.json")));

        Path data = dir.resolve("data");
        run("generate", "--out", data.toString(), "--videos", "12", "--feature-dim", "4", "--classes", "2")
                .assertOk();
        Path val = data.resolve("val_features.h5");
        Files.delete(val);
        SyntheticDataWriter.writeUnlabeledFile(val, 4, new SyntheticDataSpec(1, 1, 1, 4, 2, 3, 8, "", 1));
        String[] common = {"--features-dir", data.toString(), "--epochs", "1", "--output-dir", p("ckpt"),
            "--results-dir", p("res")};
        run(concat(new String[] {"train"}, common)).assertBadInput(val + ": labels: expected a dataset 'labels'");
        run(concat(new String[] {"ensemble", "--num-models", "2"}, common))
                .assertBadInput(val + ": labels: expected a dataset 'labels'");
    }

    private static int argMax(String[] fields, int from, int n) {
        int best = 0;
        for (int c = 1; c < n; c++) {
            if (Double.parseDouble(fields[from + c]) > Double.parseDouble(fields[from + best])) {
                best = c;
            }
        }
        return best;
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
