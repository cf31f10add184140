package io.videoseq.torch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.videoseq.model.GraphOptions;
import io.videoseq.model.ModelConfig;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * End-to-end check of {@code tools/export_torch_checkpoint.py}: PyTorch (reference.py's TemporalModel, run by
 * {@code /usr/bin/python3}) writes original-format checkpoints and its own logits; the tool exports them; the
 * importer loads them; the logits agree. The tool must never run a checkpoint's pickle: a {@code .pt} whose
 * pickle would run a command, and a PyTorch too old to load without unpickling, are refused with one line.
 * Skipped when python3 with torch and h5py is not installed.
 */
class TorchCheckpointExportTest {

    static final String PYTHON = "/usr/bin/python3";
    static Path dir;

    @BeforeAll
    static void makeCheckpoints(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isExecutable(Paths.get(PYTHON)), PYTHON + " is not installed");
        assumeTrue(run(tmp, PYTHON, "-c", "import torch, h5py, numpy") == 0,
                PYTHON + " lacks torch/h5py/numpy (Debian: apt-get install python3-torch python3-h5py)");
        dir = tmp;
        for (String r : List.of("reference.py", "make_torch_checkpoints.py")) {
            copyResource(r, tmp);
        }
        assertEquals(0, run(tmp, PYTHON, tmp.resolve("make_torch_checkpoints.py").toString(), tmp.toString()),
                "make_torch_checkpoints.py failed: " + Files.readString(tmp.resolve("python.log")));
    }

    static int run(Path cwd, String... cmd) throws IOException, InterruptedException {
        return run(cwd, Map.of(), cmd);
    }

    /** Runs {@code cmd} in {@code cwd} with {@code env} added; its stdout and stderr go to cwd/python.log. */
    static int run(Path cwd, Map<String, String> env, String... cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true)
                .redirectOutput(cwd.resolve("python.log").toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " did not finish in 300 s");
        }
        return p.exitValue();
    }

    /** The tool in the reactor's tools/ directory (surefire runs with the module directory as basedir). */
    static Path tool() {
        Path base = Paths.get(System.getProperty("basedir", ".")).toAbsolutePath();
        return base.resolveSibling("tools").resolve("export_torch_checkpoint.py").normalize();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bidirectional", "unidirectional"})
    void exportedCheckpointReproducesPyTorchLogits(String name) throws Exception {
        Path h5 = dir.resolve(name + ".h5");
        assertTrue(Files.isRegularFile(tool()), "missing " + tool());
        assertEquals(0, run(dir, PYTHON, tool().toString(), dir.resolve(name + ".pt").toString(), h5.toString()),
                Files.readString(dir.resolve("python.log")));
        JsonNode expected = new ObjectMapper().readTree(Files.readString(dir.resolve(name + ".json"),
                StandardCharsets.UTF_8));
        ModelConfig config = TorchImporter.readConfig(h5);
        assertEquals(name.equals("bidirectional"), config.bidirectional());
        ComputationGraph graph = TorchImporter.load(h5, GraphOptions.defaults().withDataType(DataType.DOUBLE));

        JsonNode x = expected.get("x");
        int b = x.size();
        int t = x.get(0).size();
        int f = x.get(0).get(0).size();
        INDArray features = Nd4j.zeros(DataType.DOUBLE, b, f, t);
        for (int i = 0; i < b; i++) {
            for (int s = 0; s < t; s++) {
                for (int k = 0; k < f; k++) {
                    features.putScalar(new long[]{i, k, s}, x.get(i).get(s).get(k).asDouble());
                }
            }
        }
        INDArray lengths = Nd4j.create(new ObjectMapper().convertValue(expected.get("lengths"), double[].class));
        INDArray logits = Nd4j.create(new ObjectMapper().convertValue(expected.get("logits"), double[][].class));
        INDArray probs = graph.output(false, new INDArray[]{features},
                new INDArray[]{H5TestData.mask(lengths, t, DataType.DOUBLE)})[0];
        INDArray want = logits.subColumnVector(logits.mean(1).reshape(-1, 1));
        double diff = Transforms.abs(TorchImporterTest.centredLogits(probs).sub(want)).maxNumber().doubleValue();
        assertTrue(diff < 1e-9, name + ": max |Δlogit| = " + diff);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plain", "after_float", "legacy_after_float"})
    void checkpointWhosePickleWouldRunCodeIsRefusedWithoutRunningIt(String variant) throws Exception {
        Path work = Files.createDirectories(dir.resolve("malicious-" + variant));
        Path pt = work.resolve("evil.pt");
        Path marker = work.resolve("MARKER");
        Path h5 = work.resolve("evil.h5");
        Path maker = copyResource("make_malicious_checkpoint.py", work);
        assertEquals(0, run(work, PYTHON, maker.toString(), pt.toString(), marker.toString(), variant),
                Files.readString(work.resolve("python.log")));
        assertFalse(Files.exists(marker), "saving must not run the payload");

        int code = run(work, PYTHON, tool().toString(), pt.toString(), h5.toString());

        String err = Files.readString(work.resolve("python.log")).strip();
        assertFalse(Files.exists(marker), "the checkpoint's pickle ran: " + marker + " exists");
        assertEquals(2, code, err);
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertTrue(err.contains(pt.toString()) && err.contains("refused") && err.contains("posix.system"), err);
        assertTrue(err.contains("torch.save({\"model_state_dict\""), "says how to re-save: " + err);
        assertFalse(Files.exists(h5), "nothing is written for a refused checkpoint");
    }

    @Test
    void torchWithoutWeightsOnlyIsRefusedRatherThanLoadingUnsafely() throws Exception {
        Path work = Files.createDirectories(dir.resolve("old-torch"));
        copyResource("fake_old_torch/torch/__init__.py", work);
        Path pt = dir.resolve("bidirectional.pt");

        int code = run(work, Map.of("PYTHONPATH", work.resolve("fake_old_torch").toString()),
                PYTHON, tool().toString(), pt.toString(), work.resolve("out.h5").toString());

        String err = Files.readString(work.resolve("python.log")).strip();
        assertEquals(2, code, err);
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertTrue(err.contains(pt.toString()) && err.contains("1.12.1") && err.contains(">= 1.13"), err);
    }

    private static Path copyResource(String name, Path into) throws IOException {
        try (InputStream in = TorchCheckpointExportTest.class.getResourceAsStream("/" + name)) {
            Path target = into.resolve(name);
            Files.createDirectories(target.getParent());
            Files.copy(in, target);
            return target;
        }
    }
}
