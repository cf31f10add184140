package io.videoseq.app.report;

import io.videoseq.app.TestFixtures;
import io.videoseq.app.CliRunner;
import io.videoseq.data.FeatureFile;
import io.videoseq.data.ReadMode;
import io.videoseq.data.SyntheticDataSpec;
import io.videoseq.data.SyntheticDataWriter;
import io.videoseq.inference.EnsemblePredictor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.videoseq.app.CliRunner.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code predict --saliency}: one row per video, one weight per real frame, what the library computes. */
class PredictSaliencyTest {
    private static final SyntheticDataSpec SPEC = new SyntheticDataSpec(1, 1, 1, 16, 3, 3, 11, "", 21);

    @TempDir
    static Path dir;
    static String model;
    static Path videos;

    @BeforeAll
    static void importModel() throws IOException {
        Path stateDict = TestFixtures.parityStateDict(dir);
        model = dir.resolve("model.zip").toString();
        run("import-torch", stateDict.toString(), "--out", model).assertOk();
        videos = dir.resolve("new_videos.h5");
        SyntheticDataWriter.writeUnlabeledFile(videos, 9, SPEC);
    }

    @Test
    void oneRowPerVideoWithAWeightPerRealFrame() throws IOException {
        Path preds = dir.resolve("p.csv");
        Path sal = dir.resolve("s.csv");
        CliRunner.Run r = run("predict", "--model", model, "--features", videos.toString(), "--out", preds.toString(),
                "--saliency", sal.toString());
        r.assertOk();
        assertTrue(r.out().contains("saliency (attention over frames) written to " + sal), r.out());
        List<String> rows = Files.readAllLines(sal);
        try (FeatureFile f = FeatureFile.open(videos, ReadMode.PER_VIDEO)) {
            int longest = 0;
            for (int i = 0; i < f.size(); i++) {
                longest = Math.max(longest, f.length(i));
            }
            StringBuilder header = new StringBuilder("index,frames");
            for (int t = 0; t < longest; t++) {
                header.append(",w_").append(t);
            }
            assertEquals(header.toString(), rows.get(0));
            assertEquals(f.size() + 1, rows.size());
            int[] all = java.util.stream.IntStream.range(0, f.size()).toArray();
            List<double[]> library = EnsemblePredictor.load(List.of(Path.of(model))).saliency(f, all, 4);
            boolean differentLengths = false;
            for (int i = 0; i < f.size(); i++) {
                String[] cells = rows.get(i + 1).split(",", -1);
                assertEquals(2 + longest, cells.length, "rectangular: row " + i);
                assertEquals(String.valueOf(i), cells[0]);
                int frames = Integer.parseInt(cells[1]);
                assertEquals(f.length(i), frames, "row " + i);
                differentLengths |= frames != longest;
                double sum = 0;
                for (int t = 0; t < longest; t++) {
                    if (t < frames) {
                        double w = Double.parseDouble(cells[2 + t]);
                        // float32 model, other batch composition than predict's: last bits differ (4e-8 seen)
                        assertEquals(library.get(i)[t], w, 1e-6);
                        sum += w;
                    } else {
                        assertEquals("", cells[2 + t], "nothing after the video's end, row " + i);
                    }
                }
                assertEquals(1.0, sum, 1e-6, "row " + i);
            }
            assertTrue(differentLengths, "the file has videos of different lengths");
        }
    }

    @Test
    void refusesToOverwriteAndToShareTheOutFile() throws IOException {
        Path preds = dir.resolve("q.csv");
        Path taken = dir.resolve("taken.csv");
        Files.writeString(taken, "mine");
        run("predict", "--model", model, "--features", videos.toString(), "--out", preds.toString(),
                "--saliency", taken.toString()).assertBadInput("--saliency");
        assertEquals("mine", Files.readString(taken));
        assertTrue(Files.notExists(preds), "nothing written when an output is refused");
        run("predict", "--model", model, "--features", videos.toString(), "--out", preds.toString(),
                "--saliency", preds.toString()).assertBadInput("--saliency: expected a file other than --out");
    }
}
