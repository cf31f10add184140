package io.videoseq.app.report;

import io.videoseq.app.TestFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.videoseq.app.CliRunner.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * On a trained model, the report's metrics equal scikit-learn's computed from {@code predict}'s probabilities
 * (within 1e-4, tools/check_report_with_sklearn.py), for the plain and the TTA block. Needs {@code /usr/bin/python3}
 * with scikit-learn (Debian: python3-sklearn); skipped with a reason without it, unless
 * {@code VIDEOSEQ_REQUIRE_SKLEARN=1} (.ci/run sets it after installing the package).
 */
class ScikitLearnAgreementTest {
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;

    private String p(String relative) {
        return dir.resolve(relative).toString();
    }

    private int python(Path log, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(PYTHON));
        cmd.addAll(List.of(args));
        Process pr = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(pr.waitFor(300, TimeUnit.SECONDS), String.join(" ", cmd) + " did not finish");
        return pr.exitValue();
    }

    @Test
    void reportNumbersEqualScikitLearnsFromPredictsProbabilities() throws Exception {
        boolean have = Files.isExecutable(Path.of(PYTHON))
                && python(dir.resolve("probe.log"), "-c", "import sklearn, numpy") == 0;
        if (!have) {
            if ("1".equals(System.getenv("VIDEOSEQ_REQUIRE_SKLEARN"))) {
                fail("VIDEOSEQ_REQUIRE_SKLEARN=1 but " + PYTHON + " cannot import sklearn");
            }
            Assumptions.abort(PYTHON + " with scikit-learn is not installed (apt-get install python3-sklearn)");
        }
        run("generate", "--out", p("data"), "--videos", "60", "--feature-dim", "8", "--classes", "4",
                "--min-frames", "3", "--max-frames", "9", "--seed", "11").assertOk();
        Files.writeString(dir.resolve("tiny.json"), TestFixtures.TINY_CONFIG);
        run("train", "--features-dir", p("data"), "--config", p("tiny.json"), "--output-dir", p("ckpt"),
                "--results-dir", p("res"), "--model-name", "m", "--epochs", "3", "--monitor-interval", "60")
                .assertOk();
        String model = p("ckpt/best_m.zip");
        String test = p("data/test_features.h5");
        run("evaluate", "--model", model, "--features", test, "--tta", "--out", p("eval/report.json")).assertOk();
        run("predict", "--model", model, "--features", test, "--out", p("plain.csv")).assertOk();
        run("predict", "--model", model, "--features", test, "--tta", "--out", p("tta.csv")).assertOk();
        Path tool = Paths.get(System.getProperty("basedir", ".")).toAbsolutePath().resolveSibling("tools")
                .resolve("check_report_with_sklearn.py").normalize();
        assertTrue(Files.isRegularFile(tool), "missing " + tool);
        for (String[] c : new String[][] {{"plain.csv", "standard"}, {"tta.csv", "tta"}}) {
            Path log = dir.resolve(c[1] + ".log");
            int code = python(log, tool.toString(), p(c[0]), p("eval/report.json"), c[1], "1e-4");
            String out = Files.readString(log);
            assertEquals(0, code, c[1] + ":\n" + out);
            assertTrue(out.contains("block " + c[1] + ": agree"), out);
            assertTrue(out.contains("roc_auc_ovr_per_class") && out.contains("ece"), out);
        }
    }
}
