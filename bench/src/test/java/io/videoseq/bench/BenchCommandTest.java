package io.videoseq.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class BenchCommandTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final List<String> TINY = List.of("--config", "small", "--batch", "3", "--min-len", "3",
            "--max-len", "5", "--feature-dim", "8", "--hidden", "4", "--layers", "1", "--heads", "2");

    private static JsonNode lastLineJson(List<String> tiny, String... more) throws Exception {
        List<String> args = new ArrayList<>(tiny);
        args.addAll(List.of(more));
        StringWriter sw = new StringWriter();
        CommandLine cl = new CommandLine(new BenchCommand());
        cl.setOut(new PrintWriter(sw));
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int rc = cl.execute(args.toArray(String[]::new));
        assertEquals(0, rc, "exit code; stderr: " + err);
        String[] lines = sw.toString().strip().split("\n");
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }

    @Test
    void tinyRunPrintsJsonLastLine() throws Exception {
        JsonNode j = lastLineJson(TINY, "--steps", "2", "--warmup", "1", "--warmup-seconds", "0.2");
        assertEquals(0.2, j.get("warmup_seconds").asDouble());
        assertTrue(j.has("videoseq_malloc_arena_max") && j.has("videoseq_openblas_thread_timeout"), j.toString());
        assertEquals("small", j.get("config").asText());
        assertTrue(j.get("overridden_shape").asBoolean());
        assertEquals(3, j.get("batch").asInt());
        assertTrue(j.get("videoseq_train_seq_per_s").asDouble() > 0, j.toString());
        assertTrue(j.get("videoseq_infer_seq_per_s").asDouble() > 0, j.toString());
        assertTrue(j.get("videoseq_peak_rss_mib").asDouble() > 0, j.toString());
        assertTrue(Double.isFinite(j.get("videoseq_last_score").asDouble()) && j.get("videoseq_last_score").asDouble() > 0,
                j.toString());
        int t = j.get("padded_len").asInt();
        assertTrue(t >= 3 && t <= 5, "padded length " + t);
        assertFalse(j.has("torch_train_seq_per_s"), "no torch keys without --torch");
    }

    @Test
    void torchRunAddsRatios() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3");
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import torch").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assumeTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "python3 has no torch");
        JsonNode j = lastLineJson(TINY, "--steps", "1", "--warmup", "0", "--warmup-seconds", "0.1", "--torch");
        for (String key : List.of("torch_train_seq_per_s", "torch_infer_seq_per_s", "train_ratio", "infer_ratio",
                "torch_peak_rss_mib", "videoseq_peak_rss_mib")) {
            assertTrue(j.has(key) && j.get(key).asDouble() > 0, key + " in " + j);
        }
        double expected = j.get("videoseq_train_seq_per_s").asDouble() / j.get("torch_train_seq_per_s").asDouble();
        assertEquals(expected, j.get("train_ratio").asDouble(), 1e-3 * expected + 1e-4);
        assertTrue(j.get("torch_framework").asText().startsWith("pytorch"), j.toString());
    }

    @Test
    void badConfigIsRejected() {
        CommandLine cl = new CommandLine(new BenchCommand());
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(new StringWriter()));
        int rc = cl.execute("--config", "huge");
        assertTrue(rc != 0);
        assertTrue(err.toString().contains("--config = huge"), err.toString());
    }
}
