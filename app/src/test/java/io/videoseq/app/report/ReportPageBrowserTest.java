package io.videoseq.app.report;

import io.videoseq.app.TestFixtures;
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

        Path shot = dir.resolve("shot.png");
        browser(chromium, "--window-size=1400,2400", "--screenshot=" + shot, url);
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
}
