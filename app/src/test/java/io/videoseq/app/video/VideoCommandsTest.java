package io.videoseq.app.video;

import static io.videoseq.app.CliRunner.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.videoseq.app.CliRunner;
import io.videoseq.app.ExitCodes;
import io.videoseq.data.FeatureFile;
import io.videoseq.data.ReadMode;
import io.videoseq.video.TestAssets;
import io.videoseq.video.extract.ExtractionRecord;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stage 1 end to end on the command line: real Debian sample videos through the real MobileNetV2 (nsfwjs, fetched
 * from npm at test time) into feature files, a tiny model trained on them, and {@code classify} naming a class for
 * video files; a bad video skipped in one line with exit 2; a mismatched backbone refused naming both.
 */
class VideoCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TINY = "{\"model\": {\"hidden_dim\": 8, \"num_lstm_layers\": 1,"
            + " \"num_attention_heads\": 2, \"head_dims\": [8, 8, 8], \"dropout\": 0.1},"
            + " \"training\": {\"batch_size\": 4, \"checkpoint_every\": 1, \"epochs\": 3}}";

    @TempDir
    static Path dir;
    static Path backbone;
    static CliRunner.Run extract;

    static String p(String name) {
        return dir.resolve(name).toString();
    }

    static String video(String name) {
        return TestAssets.video(name).toString();
    }

    /** 2 classes by source package; copies stand in for more clips of the same source. */
    @BeforeAll
    static void extractAndTrain() throws Exception {
        backbone = TestAssets.backbone();
        Path videos = TestAssets.require().resolve("videos");
        Files.copy(videos.resolve("realshort.mp4"), dir.resolve("realshort_b.mp4"));
        Files.copy(videos.resolve("realshort.mp4"), dir.resolve("realshort_c.mp4"));
        Files.writeString(dir.resolve("broken.mp4"), "this is not a video");
        String csv = "path,label,split\n"
                + video("realshort.mp4") + ",imageio,train\n"
                + "realshort_b.mp4,imageio,train\n"
                + video("g1.avi") + ",meca,train\n"
                + video("Principe_inertie.avi") + ",meca,train\n"
                + "broken.mp4,meca,train\n"
                + video("cockatoo.mp4") + ",imageio,val\n"
                + video("Effet_force_magnetique.ogv") + ",meca,val\n"
                + "realshort_c.mp4,imageio,test\n"
                + video("balle1-vp9.avi") + ",meca,test\n";
        Files.writeString(dir.resolve("videos.csv"), csv);
        extract = run("extract", "--videos", p("videos.csv"), "--out", p("features"), "--backbone",
                backbone.toString(), "--layer", TestAssets.LAYER, "--max-frames", "3");
        Files.writeString(dir.resolve("tiny.json"), TINY);
    }

    @Test
    void extractWritesTheFilesSkipsTheBadVideoInOneLineAndExitsWith2() throws Exception {
        assertEquals(ExitCodes.BAD_INPUT, extract.code(), extract.err());
        assertTrue(extract.out().contains("extracted 8 of 9 videos (train 4, val 2, test 2)"), extract.out());
        List<String> bad = extract.err().lines().filter(l -> l.contains("broken.mp4")).toList();
        assertEquals(2, bad.size(), "the skip as it happens and in the final list:\n" + extract.err());
        assertTrue(bad.get(0).contains("skipped " + p("broken.mp4") + ": FFmpeg cannot open it as a video"),
                bad.get(0));
        assertTrue(extract.err().contains("ETA"), "progress with an ETA:\n" + extract.err());
        assertTrue(extract.err().contains("1 video(s) skipped:"), extract.err());

        CliRunner.Run inspect = run("inspect", p("features/train_features.h5"), "--json");
        inspect.assertOk();
        JsonNode s = JSON.readTree(inspect.out());
        assertEquals(1280, s.get("feature_dim").asInt());
        assertEquals(4, s.get("videos").asInt());
        assertEquals("flatten_1", s.get("feature_extractor").get("backbone").get("layer").asText());
        assertEquals(List.of("imageio", "meca"),
                JSON.convertValue(s.get("feature_extractor").get("class_names"), List.class));
        CliRunner.Run text = run("inspect", p("features/val_features.h5"));
        text.assertOk();
        assertTrue(text.out().contains("extracted    model.min.js (tfjs-layers, sha256 "), text.out());
        assertTrue(text.out().contains("; 3 frames, speeds [1.0]"), text.out());

        CliRunner.Run again = run("extract", "--videos", p("videos.csv"), "--out", p("features"), "--backbone",
                backbone.toString(), "--layer", TestAssets.LAYER, "--max-frames", "3");
        again.assertBadInput("the file exists; add --force to replace it");
    }

    @Test
    void aModelTrainedOnExtractedFeaturesClassifiesVideoFiles() throws Exception {
        run("train", "--features-dir", p("features"), "--config", p("tiny.json"), "--output-dir", p("ckpt"),
                "--results-dir", p("res"), "--model-name", "v", "--monitor-interval", "60").assertOk();
        String model = p("ckpt/best_v.zip");
        CliRunner.Run c = run("classify", video("g1.avi"), p("realshort_c.mp4"), "--model", model, "--backbone",
                backbone.toString());
        c.assertOk();
        List<String> lines = c.out().strip().lines().toList();
        assertEquals(2, lines.size(), c.out());
        assertTrue(lines.get(0).startsWith(video("g1.avi") + ": "), lines.get(0));
        for (String l : lines) {
            assertTrue(l.matches(".*: (imageio|meca) [01]\\.\\d{3}  \\(imageio [01]\\.\\d{3}, meca [01]\\.\\d{3}\\)"),
                    "class names from the model's record: " + l);
        }

        CliRunner.Run j = run("classify", video("g1.avi"), "--model", model, "--backbone", backbone.toString(),
                "--json", "--tta");
        j.assertOk();
        JsonNode o = JSON.readTree(j.out());
        assertEquals(video("g1.avi"), o.get("video").asText());
        assertEquals(2, o.get("probabilities").size());
        double sum = o.get("probabilities").get("imageio").asDouble() + o.get("probabilities").get("meca").asDouble();
        assertEquals(1.0, sum, 1e-5);

        // A long video's windows and segments, as JSON and as files (1.6 s at 187 fps: windows of 0.5 s).
        CliRunner.Run w = run("classify", video("balle1-vp9.avi"), "--model", model, "--backbone",
                backbone.toString(), "--window", "0.5", "--stride", "0.25", "--json", "--out", p("timeline.csv"));
        w.assertOk();
        // Nothing but JSON on the standard output (the "wrote" line goes to stderr), so a program can parse it whole.
        assertEquals(1, w.out().lines().count(), w.out());
        JsonNode t = JSON.readTree(w.out());
        assertTrue(w.err().contains("wrote " + p("timeline.csv")), w.err());
        assertEquals(1.6, t.get("duration").asDouble(), 0.01);
        JsonNode windows = t.get("windows");
        // 3 steps per window (the model's record): the window at 1.25 s takes frames at 1.25, 1.42 and 1.58 s,
        // all shown before the end (1.6 s); the one at 1.5 s would need one at 1.83 s.
        assertEquals(6, windows.size(), t.toString());
        for (int k = 0; k < windows.size(); k++) {
            assertEquals(0.25 * k, windows.get(k).get("start").asDouble(), 1e-9);
            assertEquals(2, windows.get(k).get("probabilities").size());
            assertEquals(windows.get(k).get("step_times").size(), windows.get(k).get("saliency").size());
        }
        JsonNode segments = t.get("segments");
        assertEquals(0, segments.get(0).get("start").asDouble());
        assertEquals(t.get("duration").asDouble(), segments.get(segments.size() - 1).get("end").asDouble(), 1e-9);
        assertEquals(1 + windows.size(), Files.readAllLines(dir.resolve("timeline.csv")).size());
        assertEquals(1 + segments.size(), Files.readAllLines(dir.resolve("timeline.segments.csv")).size());
        assertTrue(Files.size(dir.resolve("timeline.png")) > 1000);
        run("classify", video("balle1-vp9.avi"), "--model", model, "--backbone", backbone.toString(), "--window",
                "0.5", "--out", p("timeline.csv")).assertBadInput("--out " + p("timeline.csv")
                + ": the file exists; add --force to replace it");
        CliRunner.Run text = run("classify", video("balle1-vp9.avi"), "--model", model, "--backbone",
                backbone.toString(), "--window", "1");
        text.assertOk();
        assertTrue(text.out().startsWith(video("balle1-vp9.avi") + " [0:00-0:01] "), text.out());
        assertTrue(text.out().contains(" segment 0:00-0:01 "), text.out());
        evaluateTimeline(model, JSON.readTree(w.out().lines().findFirst().orElseThrow()));

        // JSON Lines: the same windows, one line each as decided, then the segments and the end.
        CliRunner.Run l = run("classify", video("balle1-vp9.avi"), "--model", model, "--backbone",
                backbone.toString(), "--window", "0.5", "--stride", "0.25", "--jsonl");
        l.assertOk();
        List<JsonNode> jl = new java.util.ArrayList<>();
        for (String line : l.out().strip().lines().toList()) {
            jl.add(JSON.readTree(line));
        }
        assertEquals(6 + segments.size() + 1, jl.size(), l.out());
        for (int k = 0; k < jl.size(); k++) {
            String type = k < 6 ? "window" : k < jl.size() - 1 ? "segment" : "end";
            assertEquals(type, jl.get(k).get("type").asText(), l.out());
            assertEquals(video("balle1-vp9.avi"), jl.get(k).get("video").asText());
        }
        for (int k = 0; k < 6; k++) {
            assertEquals(windows.get(k).get("predicted").asText(), jl.get(k).get("predicted").asText());
            assertEquals(windows.get(k).get("confidence").asDouble(), jl.get(k).get("confidence").asDouble(), 1e-6);
        }
        assertEquals(6, jl.get(jl.size() - 1).get("windows").asInt());

        CliRunner.Run bad = run("classify", p("broken.mp4"), video("g1.avi"), "--model", model, "--backbone",
                backbone.toString());
        assertEquals(ExitCodes.BAD_INPUT, bad.code());
        assertEquals(1, bad.out().strip().lines().count(), "the good video is still classified: " + bad.out());
        assertTrue(bad.err().startsWith("skipped " + p("broken.mp4") + ": FFmpeg cannot open it"), bad.err());

        // The same weights with another layer or preprocessing, and other weights: refused, naming both.
        CliRunner.Run layer = run("classify", video("g1.avi"), "--model", model, "--backbone", backbone.toString(),
                "--layer", "out_relu");
        layer.assertBadInput("layer flatten_1 vs out_relu");
        assertTrue(layer.err().contains("was trained on features of model.min.js (tfjs-layers"), layer.err());
        run("classify", video("g1.avi"), "--model", model, "--backbone", backbone.toString(), "--mean", "127.5",
                "--std", "127.5").assertBadInput("preprocessing 224x224");
        Path other = dir.resolve("other-weights");
        Files.createDirectories(other);
        Files.copy(backbone.resolve("model.min.js"), other.resolve("model.min.js"));
        String shard = Files.readString(backbone.resolve("group1-shard1of1.min.js"));
        int k = shard.indexOf("exports=\"") + 5000;
        char flipped = shard.charAt(k) == 'A' ? 'B' : 'A';
        Files.writeString(other.resolve("group1-shard1of1.min.js"), shard.substring(0, k) + flipped
                + shard.substring(k + 1));
        run("classify", video("g1.avi"), "--model", model, "--backbone", other.toString())
                .assertBadInput("weights sha256 ");
    }

    /**
     * {@code evaluate-timeline} on the clip {@code classify --window} scored above (same options, so the same
     * windows), against two true segments: metrics printed and written, windows counted here from the JSON.
     */
    private static void evaluateTimeline(String model, JsonNode classified) throws Exception {
        Files.createDirectories(dir.resolve("tl"));
        Files.writeString(dir.resolve("labels.csv"), "video,class,start,end\n"
                + "balle1-vp9.avi,meca,0,0.8\nballe1-vp9.avi,imageio,0.8,1.6\n");
        CliRunner.Run e = run("evaluate-timeline", video("balle1-vp9.avi"), "--labels", p("labels.csv"), "--model",
                model, "--backbone", backbone.toString(), "--window", "0.5", "--stride", "0.25", "--out",
                p("tl/report.json"));
        e.assertOk();
        // The windows' centres 0.25, 0.5, ... 1.5: the first three lie in meca's 0-0.8, the others in imageio's.
        JsonNode windows = classified.get("windows");
        int right = 0;
        for (int k = 0; k < windows.size(); k++) {
            double centre = (windows.get(k).get("start").asDouble() + windows.get(k).get("end").asDouble()) / 2;
            right += windows.get(k).get("predicted").asText().equals(centre < 0.8 ? "meca" : "imageio") ? 1 : 0;
        }
        assertTrue(e.out().startsWith(video("balle1-vp9.avi") + ": window accuracy "), e.out());
        assertTrue(e.out().contains(" (" + right + "/6)  segment precision "), e.out());
        JsonNode report = JSON.readTree(dir.resolve("tl/report.json").toFile());
        assertEquals(6, report.get("pooled").get("windows_scored").asInt());
        assertEquals(right, report.get("pooled").get("windows_correct").asInt());
        assertEquals(2, report.get("pooled").get("true_segments").asInt());
        assertEquals(classified.get("segments").size(), report.get("videos").get(0).get("segments").size());
        String page = Files.readString(dir.resolve("tl/report.html"));
        assertTrue(page.contains("<img src=\"report_timeline.png\""), page);
        assertTrue(Files.size(dir.resolve("tl/report_timeline.png")) > 1000);
        assertEquals(7, Files.readAllLines(dir.resolve("tl/report_windows.csv")).size());

        // A bad label line: one line naming file and line, exit 2, before the model or the video is read.
        Files.writeString(dir.resolve("bad.csv"), "video,class,start,end\nballe1-vp9.avi,meca,0.8,0.2\n");
        run("evaluate-timeline", video("balle1-vp9.avi"), "--labels", p("bad.csv"), "--model", model, "--backbone",
                backbone.toString(), "--window", "0.5").assertBadInput(p("bad.csv") + " line 2: expected start < end");
        Files.writeString(dir.resolve("cat.csv"), "video,class,start,end\nballe1-vp9.avi,cat,0,1\n");
        run("evaluate-timeline", video("balle1-vp9.avi"), "--labels", p("cat.csv"), "--model", model, "--backbone",
                backbone.toString(), "--window", "0.5").assertBadInput(p("cat.csv") + " line 2: expected a class of"
                + " the model [imageio, meca], found 'cat'");
        run("evaluate-timeline", video("balle1-vp9.avi"), "--labels", p("labels.csv"), "--model", model,
                "--backbone", backbone.toString(), "--window", "0.5", "--out", p("tl/report.json"))
                .assertBadInput("--out " + p("tl/report.json") + ": the file exists; add --force to replace it");
    }

    @Test
    void anEnsembleManifestClassifiesWithItsClassNames() throws Exception {
        run("ensemble", "--features-dir", p("features"), "--config", p("tiny.json"), "--num-models", "2",
                "--epochs", "1", "--output-dir", p("ens"), "--results-dir", p("ens-res"), "--model-name", "e")
                .assertOk();
        Path manifest;
        try (var s = Files.list(dir.resolve("ens"))) {
            manifest = s.filter(f -> f.getFileName().toString().endsWith("_ensemble.json")).findFirst().orElseThrow();
        }
        CliRunner.Run c = run("classify", video("g1.avi"), "--model", manifest.toString(), "--backbone",
                backbone.toString());
        c.assertOk();
        assertTrue(c.out().matches("(?s).*g1\\.avi: (imageio|meca) [01]\\.\\d{3}  \\(imageio .*, meca .*\\)\\s*"),
                c.out());
    }

    @Test
    void unusableBackbonesAndModelsWithoutARecordAreOneLine() throws Exception {
        Files.writeString(dir.resolve("weights.txt"), "nope");
        run("extract", "--videos", p("videos.csv"), "--out", p("none"), "--backbone", p("weights.txt"),
                "--max-frames", "4").assertBadInput("expected a Keras .h5 file (HDF5) or a TensorFlow.js layers model");
        run("extract", "--videos", p("videos.csv"), "--out", p("none"), "--backbone", backbone.toString(),
                "--max-frames", "4", "--mean", "1,2").assertBadInput("--mean: expected one value or three");
        assertFalse(Files.exists(dir.resolve("none/train_features.h5")));

        Path stateDict = dir.resolve("parity.h5");
        try (InputStream in = VideoCommandsTest.class.getResourceAsStream("/parity.h5")) {
            assertNotNull(in, "test resource parity.h5");
            Files.copy(in, stateDict);
        }
        run("import-torch", stateDict.toString(), "--out", p("imported.zip")).assertOk();
        run("classify", video("g1.avi"), "--model", p("imported.zip"), "--backbone", backbone.toString(),
                "--layer", TestAssets.LAYER).assertBadInput("--max-frames: the model");
    }

    @Test
    void extractWithTheModelsSoftmaxOutputSaysSo() throws Exception {
        assertFalse(extract.err().contains("note: layer"), "--layer " + TestAssets.LAYER + " is no class scores");
        Files.writeString(dir.resolve("one.csv"), video("g1.avi") + ",a,train\n");
        CliRunner.Run r = run("extract", "--videos", p("one.csv"), "--out", p("scores"), "--backbone",
                backbone.toString(), "--max-frames", "1");
        r.assertOk();
        assertTrue(r.err().contains("note: layer dense_3 is the model's softmax output, 5 scores of the task it was"
                + " trained for, not CNN features; name the pooled layer before it with --layer"), r.err());
    }

    @Test
    void multiscaleExtractionWritesTheMultiscaleFiles() throws Exception {
        String csv = video("g1.avi") + ",a,train\n" + video("realshort.mp4") + ",b,train\n";
        Files.writeString(dir.resolve("ms.csv"), csv);
        run("extract", "--videos", p("ms.csv"), "--out", p("ms"), "--backbone", backbone.toString(), "--layer",
                TestAssets.LAYER, "--max-frames", "2", "--multiscale").assertOk();
        assertFalse(Files.exists(dir.resolve("ms/val_features_multiscale.h5")), "a split without videos has no file");
        run("inspect", p("ms/train_features_multiscale.h5")).assertOk();
        try (FeatureFile f = FeatureFile.open(dir.resolve("ms/train_features_multiscale.h5"), ReadMode.PER_VIDEO)) {
            assertTrue(f.multiScale());
            assertEquals(List.of(1.0, 0.85, 1.15),
                    ExtractionRecord.fromJson(f.featureExtractor().orElseThrow()).sampling().speeds());
        }
    }
}
