package io.videoseq.app.report;

import io.videoseq.app.TestFixtures;
import io.videoseq.inference.VideoClassifier;
import io.videoseq.inference.timeline.SegmentRule;
import io.videoseq.inference.timeline.Timeline;
import io.videoseq.inference.timeline.TimelineEvaluation;
import io.videoseq.inference.timeline.TimelineLabels;
import io.videoseq.inference.timeline.WindowPrediction;
import io.videoseq.data.SyntheticDataSpec;
import io.videoseq.data.SyntheticDataWriter;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.videoseq.app.CliRunner.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The page {@code evaluate --out} writes, rendered by headless Chromium (Debian's {@code chromium}): the rendered
 * DOM has every table, and the screenshot is not blank and shows the pictures (the page's own style is greyscale,
 * so coloured pixels can only come from the linked PNGs, which proves they load by their relative names).
 *
 * <p>Skipped with a reason when no Chromium is installed, unless {@code VIDEOSEQ_REQUIRE_CHROMIUM=1} (set by
 * .ci/run once it has installed the package), where a missing browser fails.
 */
class ReportPageBrowserTest {
    /** Flags for a closed network: without them Chromium keeps trying to reach Google's services. */
    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
            "--hide-scrollbars");

    @TempDir
    Path dir;

    static Path chromium() {
        String given = System.getenv("VIDEOSEQ_CHROMIUM");
        List<String> candidates = given != null ? List.of(given)
                : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
        for (String c : candidates) {
            if (Files.isExecutable(Path.of(c))) {
                return Path.of(c);
            }
        }
        if ("1".equals(System.getenv("VIDEOSEQ_REQUIRE_CHROMIUM"))) {
            fail("VIDEOSEQ_REQUIRE_CHROMIUM=1 but no Chromium at " + candidates);
        }
        Assumptions.abort("no Chromium at " + candidates + " (apt-get install chromium; .ci/run installs it)");
        return null;
    }

    private String browser(Path chromium, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(chromium.toString()));
        cmd.addAll(FLAGS);
        cmd.add("--user-data-dir=" + Files.createTempDirectory(dir, "profile"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false)
                .redirectError(dir.resolve("chromium.err").toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not finish");
        assertEquals(0, p.exitValue(), "chromium " + String.join(" ", args) + ":\n"
                + Files.readString(dir.resolve("chromium.err")));
        return new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void thePageRendersWithItsTablesAndPictures() throws Exception {
        Path chromium = chromium();
        Path stateDict = TestFixtures.parityStateDict(dir);
        run("import-torch", stateDict.toString(), "--out", dir.resolve("model.zip").toString()).assertOk();
        Path features = dir.resolve("test_features.h5");
        SyntheticDataWriter.writeFile(features, 30, new SyntheticDataSpec(1, 1, 1, 16, 3, 3, 11, "", 4));
        Path report = dir.resolve("out/report.json");
        Files.createDirectories(report.getParent());
        run("evaluate", "--model", dir.resolve("model.zip").toString(), "--features", features.toString(), "--tta",
                "--out", report.toString()).assertOk();
        Path html = new ReportFiles(report).html();
        String url = html.toUri().toString();

        String dom = browser(chromium, "--dump-dom", url);
        for (String table : List.of("summary", "per-class", "confusion", "mistakes")) {
            assertTrue(dom.contains("<table id=\"" + table + "\">"), "rendered DOM has table " + table);
        }
        assertTrue(dom.contains("<img src=\"report_reliability.png\""), "the reliability diagram is on the page");

        assertRendersWithPictures(chromium, url, 2400);
    }

    /** A screenshot that is not blank and has strongly coloured pixels, which only the linked PNGs can give. */
    private void assertRendersWithPictures(Path chromium, String url, int height) throws Exception {
        Path shot = dir.resolve("shot.png");
        browser(chromium, "--window-size=1400," + height, "--screenshot=" + shot, url);
        BufferedImage img = ImageIO.read(shot.toFile());
        assertNotNull(img, "a PNG screenshot");
        Set<Integer> colours = new HashSet<>();
        long coloured = 0;
        long nonWhite = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                int r = rgb >> 16, g = (rgb >> 8) & 0xFF, b = rgb & 0xFF;
                nonWhite += rgb != 0xFFFFFF ? 1 : 0;
                coloured += Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 80 ? 1 : 0;
            }
        }
        long samples = (long) ((img.getWidth() + 1) / 2) * ((img.getHeight() + 1) / 2);
        assertTrue(nonWhite > samples / 10, "not blank: " + nonWhite + " of " + samples + " samples not white");
        assertTrue(colours.size() > 200, "text, tables and charts: " + colours.size() + " colours");
        assertTrue(coloured > samples / 100, "the pictures loaded: " + coloured + " of " + samples
                + " samples are strongly coloured");
    }

    /**
     * The page of {@code evaluate-timeline --out} (written by {@link TimelineReport} from hand-made windows, so no
     * video is decoded): its metrics table in the rendered DOM and its timeline picture loaded.
     */
    @Test
    void theTimelinePageRendersWithItsTableAndPicture() throws Exception {
        Path chromium = chromium();
        List<String> names = List.of("walk", "fall");
        List<WindowPrediction> windows = new ArrayList<>();
        String[] classes = {"walk", "walk", "fall", "fall", "walk"};
        for (int k = 0; k < classes.length; k++) {
            float[] p = new float[2];
            p[names.indexOf(classes[k])] = 0.9f;
            p[1 - names.indexOf(classes[k])] = 0.1f;
            windows.add(new WindowPrediction(k, 2 * k, 2 * k + 4, new VideoClassifier.Prediction(p, names),
                    new double[0], new double[0]));
        }
        Timeline t = Timeline.of(windows, 14, new SegmentRule(0));
        TimelineLabels labels = TimelineLabels.read(Files.writeString(dir.resolve("labels.csv"),
                "video,class,start,end\nlong.mp4,walk,0,5\nlong.mp4,fall,5,9\nlong.mp4,walk,9,14\n"));
        TimelineEvaluation e = TimelineEvaluation.of(List.of("long.mp4"), List.of(t), labels, 0.5);
        TimelineReport report = new TimelineReport(dir.resolve("tl/report.json"), 1);
        Files.createDirectories(dir.resolve("tl"));
        report.write(e, 4, 2);
        String url = report.html().toUri().toString();
        String dom = browser(chromium, "--dump-dom", url);
        assertTrue(dom.contains("<table id=\"timeline-metrics\">"), dom);
        assertTrue(dom.contains("<img src=\"report_timeline.png\""), dom);
        assertRendersWithPictures(chromium, url, 900);
    }
}
