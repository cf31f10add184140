package io.videoseq.app;

import static io.videoseq.app.CliRunner.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import io.videoseq.app.report.ReportFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line in-process on a tiny generated data set (8 features, 3 classes, 3-8 frames) and a tiny
 * model: each step checks its exit code and the files it promises.
 */
class EndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TINY = TestFixtures.TINY_CONFIG;

    @TempDir
    Path dir;

    private String p(String relative) {
        return dir.resolve(relative).toString();
    }

    private static void assertPng(Path png) throws IOException {
        assertTrue(Files.isRegularFile(png), "missing " + png);
        assertNotNull(ImageIO.read(png.toFile()), "not a PNG: " + png);
    }

    @Test
    void generateInspectTrainResumeEvaluatePredict() throws IOException {
        run("generate", "--out", p("data"), "--videos", "36", "--feature-dim", "8", "--classes", "3",
                "--min-frames", "3", "--max-frames", "8", "--seed", "7").assertOk();
        for (String split : List.of("train", "val", "test")) {
            assertTrue(Files.isRegularFile(dir.resolve("data/" + split + "_features.h5")), split);
        }

        CliRunner.Run inspect = run("inspect", p("data/train_features.h5"), "--json");
        inspect.assertOk();
        JsonNode summary = JSON.readTree(inspect.out());
        List<String> keys = new ArrayList<>();
        summary.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("videos", "max_frames", "feature_dim", "labelled", "class_counts", "category_mapping",
                "zero_frame_videos", "feature_extractor", "file"), keys);
        assertEquals(21, summary.get("videos").asInt());
        assertEquals(8, summary.get("feature_dim").asInt());
        assertEquals(3, summary.get("class_counts").size());
        int total = 0;
        for (JsonNode c : summary.get("class_counts")) {
            total += c.asInt();
        }
        assertEquals(21, total);
        assertEquals(3, summary.get("category_mapping").size());
        CliRunner.Run text = run("inspect", p("data/val_features.h5"));
        text.assertOk();
        assertTrue(text.out().contains("feature dim  8"), text.out());

        Files.writeString(dir.resolve("tiny.json"), TINY);
        String[] train = {"train", "--features-dir", p("data"), "--config", p("tiny.json"), "--output-dir",
            p("ckpt"), "--results-dir", p("res"), "--model-name", "tiny", "--monitor-interval", "60"};
        run(concat(train, "--epochs", "2")).assertOk();
        assertTrue(Files.isRegularFile(dir.resolve("ckpt/best_tiny.zip")));
        assertTrue(Files.isRegularFile(dir.resolve("ckpt/tiny_checkpoint_epoch_2.zip")));
        assertTrue(Files.isRegularFile(dir.resolve("res/tiny_results.json")));
        assertEquals(3, Files.readAllLines(dir.resolve("res/tiny_history.csv")).size(), "header + 2 epochs");
        assertPng(dir.resolve("res/training_progress/tiny_current.png"));
        assertTrue(Files.size(dir.resolve("res/resource_utilization_log.jsonl")) > 0);
        JsonNode config = JSON.readTree(dir.resolve("res/tiny_results.json").toFile()).get("model_config");
        assertEquals(8, config.get("hidden_dim").asInt(), "the config file reached the model");
        assertEquals(8, config.get("feature_dim").asInt(), "the data decided the input width");

        byte[] best = Files.readAllBytes(dir.resolve("ckpt/best_tiny.zip"));
        CliRunner.Run refused = run(concat(train, "--epochs", "1"));
        refused.assertBadInput("--force");
        assertTrue(!refused.systemErr().contains("continuing a resource log"), "a refused run continues nothing: "
                + refused.systemErr());
        assertTrue(java.util.Arrays.equals(best, Files.readAllBytes(dir.resolve("ckpt/best_tiny.zip"))),
                "a refused fresh start leaves the earlier run alone");
        run(concat(train, "--force", "--resume", "latest")).assertBadInput("exclude each other");
        CliRunner.Run resumed = run(concat(train, "--epochs", "3", "--resume", "latest"));
        resumed.assertOk();
        assertTrue(resumed.systemErr().contains("resuming model 'tiny' after epoch 2 of 3 from "), resumed.systemErr());
        assertEquals(4, Files.readAllLines(dir.resolve("res/tiny_history.csv")).size(), "header + 3 epochs");
        JsonNode results = JSON.readTree(dir.resolve("res/tiny_results.json").toFile());
        assertEquals(3, results.get("epochs_completed").asInt());

        CliRunner.Run evaluate = run("evaluate", "--model", p("ckpt/best_tiny.zip"), "--features",
                p("data/test_features.h5"), "--tta", "--out", p("eval/report.json"));
        evaluate.assertOk();
        JsonNode report = JSON.readTree(dir.resolve("eval/report.json").toFile());
        assertEquals(8, report.get("standard").get("examples").asInt());
        assertEquals(8, report.get("tta").get("examples").asInt());
        for (String block : new String[]{"standard", "tta"}) {
            JsonNode m = report.get(block);
            // three classes: top-2 accuracy is defined; the probability metrics are numbers, not missing
            assertTrue(m.get("top_k_accuracy").isNumber(), block + ": " + m);
            assertTrue(m.get("log_loss").isNumber() && m.get("brier").isNumber() && m.get("ece").isNumber(), block);
            assertEquals(3, m.get("per_class_precision").size(), block);
            assertEquals(3, m.get("confusion_normalized").size(), block);
        }
        assertEquals(3, report.get("class_names").size());
        // every file the report promises, the pictures readable, the page linking each of them
        ReportFiles files = new ReportFiles(dir.resolve("eval/report.json"));
        for (Path f : files.all()) {
            assertTrue(Files.isRegularFile(f), "missing " + f);
            if (f.toString().endsWith(".png")) {
                assertPng(f);
            }
        }
        String page = Files.readString(files.html());
        for (Path f : files.all()) {
            if (!f.equals(files.html())) {
                assertTrue(page.contains("\"" + f.getFileName() + "\""), "the page links " + f.getFileName());
            }
        }
        for (String table : List.of("summary", "per-class", "confusion", "mistakes")) {
            assertTrue(page.contains("<table id=\"" + table + "\">"), table);
        }
        JsonNode shown = report.get("saliency_videos");
        List<String> saliency = Files.readAllLines(files.saliencyCsv());
        assertEquals(shown.size() + 1, saliency.size(), "a saliency row per video drawn");
        for (int i = 0; i < shown.size(); i++) {
            assertTrue(saliency.get(i + 1).startsWith(shown.get(i).get("index").asInt() + ","
                    + shown.get(i).get("frames").asInt() + ","), saliency.get(i + 1));
        }
        assertTrue(shown.size() >= 3, "confident correct videos of the classes, and mistakes: " + shown);
        // every mistake of the headline (TTA) predictions in the CSV, most confident first; the top ones in the report
        List<String> mistakes = Files.readAllLines(dir.resolve("eval/report_misclassified.csv"));
        assertEquals("index,true_label,true_name,predicted,predicted_name,top_probability,margin,true_probability",
                mistakes.get(0));
        int wrong = (int) Math.round(8 * (100 - report.get("tta").get("accuracy").asDouble()) / 100);
        assertEquals(wrong, mistakes.size() - 1);
        assertEquals(wrong, report.get("misclassified").asInt());
        assertEquals(Math.min(wrong, 10), report.get("most_confident_mistakes").size());
        for (int i = 2; i < mistakes.size(); i++) {
            assertTrue(Double.parseDouble(mistakes.get(i - 1).split(",")[5])
                    >= Double.parseDouble(mistakes.get(i).split(",")[5]), "sorted by confidence: " + mistakes);
        }
        assertTrue(evaluate.out().contains("misclassified    "), evaluate.out());
        assertEquals("tta", report.get("headline").asText(), "models given with --model --tta: TTA headline");
        assertTrue(evaluate.out().contains("per class (TTA):"), "the console says which view: " + evaluate.out());
        assertTrue(!page.contains("gain of the ensemble"), "one model: no empty gain column");

        // several models: each member's own blocks beside the ensemble's, and the gains
        CliRunner.Run both = run("evaluate", "--model", p("ckpt/best_tiny.zip"), "--model",
                p("ckpt/tiny_checkpoint_epoch_3.zip"), "--features", p("data/test_features.h5"), "--tta", "--out",
                p("eval/both.json"));
        both.assertOk();
        JsonNode ens = JSON.readTree(dir.resolve("eval/both.json").toFile());
        JsonNode members = ens.get("members");
        assertEquals(2, members.size());
        assertEquals(report.get("standard"), members.get(0).get("standard"), "member 1 = best_tiny.zip evaluated alone");
        assertEquals(report.get("tta"), members.get(0).get("tta"));
        double mean = (members.get(0).get("standard").get("accuracy").asDouble()
                + members.get(1).get("standard").get("accuracy").asDouble()) / 2;
        assertEquals(ens.get("standard").get("accuracy").asDouble() - mean, ens.get("gain_over_members_mean").asDouble(),
                1e-9);
        assertEquals(ens.get("tta").get("accuracy").asDouble() - members.get(1).get("tta").get("accuracy").asDouble(),
                members.get(1).get("ensemble_gain").asDouble(), 1e-9);
        assertTrue(both.out().contains("member 2 tiny_checkpoint_epoch_3.zip"), both.out());
        for (JsonNode m : members) {
            assertEquals(ens.get("standard").get("accuracy").asDouble() - m.get("standard").get("accuracy").asDouble(),
                    m.get("ensemble_gain_standard").asDouble(), 1e-9);
            assertEquals(m.get("ensemble_gain").asDouble(), m.get("ensemble_gain_tta").asDouble(), 1e-12);
        }
        String bothPage = Files.readString(dir.resolve("eval/both.html"));
        assertEquals(4, bothPage.split("over this member", -1).length - 1,
                "each member's gain on its original and its TTA row: " + bothPage);
        assertTrue(report.get("members") == null, "one model: no members list");

        CliRunner.Run predict = run("predict", "--model", p("ckpt/best_tiny.zip"), "--model",
                p("ckpt/tiny_checkpoint_epoch_3.zip"), "--features", p("data/test_features.h5"), "--out",
                p("preds.csv"), "--tta");
        predict.assertOk();
        assertPredictionsCsv(dir.resolve("preds.csv"), 8, 3);

        // a file the user named as output is never replaced without --force
        String csv = Files.readString(dir.resolve("preds.csv"));
        run("predict", "--model", p("ckpt/best_tiny.zip"), "--features", p("data/val_features.h5"), "--out",
                p("preds.csv")).assertBadInput("--force");
        assertEquals(csv, Files.readString(dir.resolve("preds.csv")));
        run("predict", "--model", p("ckpt/best_tiny.zip"), "--features", p("data/val_features.h5"), "--out",
                p("preds.csv"), "--force").assertOk();
        run("evaluate", "--model", p("ckpt/best_tiny.zip"), "--features", p("data/test_features.h5"), "--out",
                p("eval/report.json")).assertBadInput("report.json");
        byte[] trainFile = Files.readAllBytes(dir.resolve("data/train_features.h5"));
        run("generate", "--out", p("data"), "--videos", "9").assertBadInput("train_features.h5");
        assertTrue(java.util.Arrays.equals(trainFile, Files.readAllBytes(dir.resolve("data/train_features.h5"))));
    }

    @Test
    void ensembleOfTwoTinyMembers() throws IOException {
        run("generate", "--out", p("data"), "--videos", "24", "--feature-dim", "6", "--classes", "2",
                "--min-frames", "3", "--max-frames", "6").assertOk();
        Files.writeString(dir.resolve("tiny.json"), TINY);
        CliRunner.Run ensemble = run("ensemble", "--features-dir", p("data"), "--config", p("tiny.json"),
                "--num-models", "2", "--epochs", "1", "--output-dir", p("ckpt"), "--results-dir", p("res"),
                "--model-name", "ens");
        ensemble.assertOk();
        JsonNode results = JSON.readTree(dir.resolve("res/ensemble_final_results.json").toFile());
        assertEquals(2, results.get("num_models").asInt());
        for (int m = 1; m <= 2; m++) {
            assertTrue(Files.isRegularFile(dir.resolve("ckpt/best_ens_model_" + m + ".zip")));
            assertPng(dir.resolve("res/training_progress/ens_model_" + m + "_current.png"));
        }
        assertTrue(ensemble.out().contains("ensemble of 2"), ensemble.out());

        // a manifest that says TTA lowered the ensemble's accuracy: both views reported, the original one headlined
        com.fasterxml.jackson.databind.node.ObjectNode manifest =
                (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(dir.resolve("ckpt/ens_ensemble.json")
                        .toFile());
        manifest.put("tta_recommended", false);
        Files.writeString(dir.resolve("ckpt/no_tta_ensemble.json"), JSON.writeValueAsString(manifest));
        CliRunner.Run eval = run("evaluate", "--manifest", p("ckpt/no_tta_ensemble.json"), "--features",
                p("data/test_features.h5"), "--tta", "--out", p("eval/no_tta.json"));
        eval.assertOk();
        JsonNode report = JSON.readTree(dir.resolve("eval/no_tta.json").toFile());
        assertEquals("standard", report.get("headline").asText());
        assertTrue(report.get("tta") != null, "TTA still computed and reported");
        assertTrue(eval.out().contains("per class:"), eval.out());
        assertTrue(Files.readString(dir.resolve("eval/no_tta.html")).contains("Headline view: original (TTA lowered"));
    }

    @Test
    void importTorchThenPredictWithIt() throws IOException {
        Path stateDict = TestFixtures.parityStateDict(dir);
        run("import-torch", stateDict.toString(), "--out", p("imported.zip")).assertOk();
        assertTrue(Files.size(dir.resolve("imported.zip")) > 0);
        run("import-torch", stateDict.toString(), "--out", p("imported.zip")).assertBadInput("--force");
        run("import-torch", stateDict.toString(), "--out", p("imported.zip"), "--force").assertOk();

        run("generate", "--out", p("data16"), "--videos", "12", "--feature-dim", "16", "--classes", "3",
                "--min-frames", "3", "--max-frames", "11").assertOk();
        run("predict", "--model", p("imported.zip"), "--features", p("data16/test_features.h5"), "--out",
                p("imported.csv")).assertOk();
        assertPredictionsCsv(dir.resolve("imported.csv"), 3, 3);

        run("generate", "--out", p("data8"), "--videos", "6", "--feature-dim", "8", "--classes", "3").assertOk();
        run("predict", "--model", p("imported.zip"), "--features", p("data8/test_features.h5"), "--out",
                p("never.csv")).assertBadInput("feature_dim 8");
        assertTrue(Files.notExists(dir.resolve("never.csv")));
    }

    @Test
    void badInputExitsTwoWithOneLine() throws IOException {
        run("inspect", p("missing.h5")).assertBadInput("missing.h5");
        Path broken = dir.resolve("broken.h5");
        Files.write(broken, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        run("inspect", broken.toString()).assertBadInput("broken.h5");
        run("generate", "--out", p("d"), "--videos", "many").assertBadInput("--videos");
        run("generate", "--out", p("d"), "--videos", "9", "--feature-dim", "4", "--classes", "2").assertOk();
        Files.writeString(dir.resolve("typo.json"), "{\"model\": {\"hiden_dim\": 8}}");
        run("train", "--features-dir", p("d"), "--config", p("typo.json"), "--results-dir", p("r"),
                "--output-dir", p("c")).assertBadInput("model.hiden_dim");
        run("train", "--features-dir", p("d"), "--epochs", "0", "--results-dir", p("r"), "--output-dir", p("c"))
                .assertBadInput("epochs");
        run("train", "--features-dir", p("d"), "--resume", p("c/none.zip"), "--results-dir", p("r"), "--output-dir",
                p("c")).assertBadInput("none.zip");
        Files.writeString(dir.resolve("wide.json"), "{\"model\": {\"feature_dim\": 99}}");
        run("train", "--features-dir", p("d"), "--config", p("wide.json"), "--results-dir", p("r"),
                "--output-dir", p("c")).assertBadInput("feature_dim");
        run("train", "--features-dir", p("nowhere"), "--results-dir", p("r"), "--output-dir", p("c"))
                .assertBadInput("nowhere");
        run("evaluate", "--model", p("missing.zip"), "--features", p("d/test_features.h5"))
                .assertBadInput("missing.zip");
        run("evaluate", "--model", broken.toString(), "--features", p("d/test_features.h5"))
                .assertBadInput("broken.h5");
    }

    private static void assertPredictionsCsv(Path csv, int rows, int classes) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        StringBuilder header = new StringBuilder("index,true_label,predicted,predicted_name");
        for (int c = 0; c < classes; c++) {
            header.append(",prob_").append(c);
        }
        assertEquals(header.toString(), lines.get(0));
        assertEquals(rows + 1, lines.size());
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            assertEquals(4 + classes, f.length);
            assertEquals(i - 1, Integer.parseInt(f[0]));
            double sum = 0;
            int argmax = 0;
            for (int c = 0; c < classes; c++) {
                double v = Double.parseDouble(f[4 + c]);
                sum += v;
                if (v > Double.parseDouble(f[4 + argmax])) {
                    argmax = c;
                }
            }
            assertEquals(1.0, sum, 1e-4, "probabilities of row " + i + " sum to 1 (6 printed decimals)");
            assertEquals(argmax, Integer.parseInt(f[2]), "predicted = arg-max of row " + i);
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = new String[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
