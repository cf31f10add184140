package io.videoseq.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.videoseq.core.json.JsonMappers;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The PyTorch side of the benchmark: runs {@code bench_torch.py} as a child process under {@code peak_rss.py}
 * (same folder), which reports the child's peak RSS, and parses both JSON lines.
 *
 * @param python     the interpreter with torch, e.g. {@code /usr/bin/python3}
 * @param script     path of {@code bench_torch.py}; {@code peak_rss.py} sits beside it, and the script imports
 *                   {@code model/src/test/resources/reference.py} of the checkout around it
 */
public record TorchBench(Path python, Path script) {

    /** What the PyTorch script measured. {@code peakRssMiB} is the child's peak RSS. */
    public record Result(String framework, int threads, long params, double trainSecondsPerBatch,
                         double trainSeqPerS, double inferSecondsPerBatch, double inferSeqPerS, double peakRssMiB,
                         TorchBlas blas) {
        Result withBlas(TorchBlas b) {
            return new Result(framework, threads, params, trainSecondsPerBatch, trainSeqPerS, inferSecondsPerBatch,
                    inferSeqPerS, peakRssMiB, b);
        }
    }

    private static final ObjectMapper JSON = JsonMappers.plain();
    /** Where the scripts sit relative to the repository root: shipped as sources of the bench module. */
    static final Path SCRIPT_IN_CHECKOUT = Path.of("bench", "src", "main", "python", "bench_torch.py");

    /**
     * Finds {@code bench/src/main/python/bench_torch.py} in {@code start} or one of its parents (the repository root when run
     * from anywhere inside the checkout).
     *
     * @throws IllegalArgumentException naming where it looked, when no parent holds it
     */
    public static Path locateScript(Path start) {
        return find(start).orElseThrow(() -> notFound(start.toAbsolutePath().toString()));
    }

    /**
     * {@link #locateScript(Path)} from the working directory, else from where this class was loaded
     * ({@code bench/target/classes} or its jar inside the checkout), so {@code ./videoseq bench --torch} works from
     * any folder.
     */
    public static Path locateScript() {
        Path here = Path.of("");
        Optional<Path> loadedFrom = codeLocation();
        return find(here).or(() -> loadedFrom.flatMap(TorchBench::find)).orElseThrow(() -> notFound(
                here.toAbsolutePath() + loadedFrom.map(p -> " (nor in " + p + ")").orElse("")));
    }

    private static Optional<Path> find(Path start) {
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve(SCRIPT_IN_CHECKOUT);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> codeLocation() {
        try {
            CodeSource source = TorchBench.class.getProtectionDomain().getCodeSource();
            return source == null ? Optional.empty() : Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return Optional.empty(); // not a file location: only the working directory can hold the script
        }
    }

    private static IllegalArgumentException notFound(String where) {
        return new IllegalArgumentException("bench --torch: " + SCRIPT_IN_CHECKOUT + " not found in " + where
                + " or any parent; expected the videoseq checkout, or pass --torch-script PATH");
    }

    public Result run(BenchShape shape, int steps, int warmup, double warmupSeconds, int threads)
            throws IOException, InterruptedException {
        Path wrapper = script.resolveSibling("peak_rss.py");
        if (!Files.isRegularFile(script) || !Files.isRegularFile(wrapper)) {
            throw new IllegalArgumentException("bench --torch-script " + script + ": expected bench_torch.py with "
                    + "peak_rss.py beside it, found " + (Files.isRegularFile(script) ? "no " + wrapper : "no script"));
        }
        // The checkout's tools/native/native-env.sh: bench/src/main/python/bench_torch.py is four levels below.
        Path root = script.toAbsolutePath().getParent().getParent().getParent().getParent().getParent();
        TorchBlas blas = TorchBlas.choose(python, script, threads, root.resolve("tools/native/native-env.sh"));
        List<String> cmd = new ArrayList<>(List.of(python.toString(), wrapper.toString(), python.toString(),
                script.toString(), "--config", shape.config(), "--batch", Integer.toString(shape.batch()),
                "--min-len", Integer.toString(shape.minLen()), "--max-len", Integer.toString(shape.maxLen()),
                "--steps", Integer.toString(steps), "--warmup", Integer.toString(warmup),
                "--warmup-seconds", Double.toString(warmupSeconds),
                "--threads", Integer.toString(blas.intraOpThreads())));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        blas.applyTo(pb.environment());
        Process process = pb.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = process.waitFor();
        if (rc != 0) {
            throw new IllegalStateException("bench --torch: " + String.join(" ", cmd) + " exited with " + rc
                    + "; stdout: " + out.strip());
        }
        return parse(out).withBlas(blas);
    }

    /** Parses the script's JSON line and the wrapper's {@code child_peak_rss_kib} line. */
    static Result parse(String stdout) throws IOException {
        JsonNode bench = null;
        JsonNode rss = null;
        for (String line : stdout.split("\n")) {
            String s = line.strip();
            if (!s.startsWith("{")) {
                continue;
            }
            JsonNode node = JSON.readTree(s);
            if (node.has("train_seq_per_s")) {
                bench = node;
            } else if (node.has("child_peak_rss_kib")) {
                rss = node;
            }
        }
        if (bench == null || rss == null) {
            throw new IllegalStateException("bench --torch: output of bench_torch.py/peak_rss.py: expected a JSON line "
                    + "with train_seq_per_s and one with child_peak_rss_kib, found: " + stdout.strip());
        }
        return new Result(bench.path("framework").asText(), bench.path("threads").asInt(),
                bench.path("params").asLong(), bench.get("train_s_per_batch").asDouble(),
                bench.get("train_seq_per_s").asDouble(), bench.get("infer_s_per_batch").asDouble(),
                bench.get("infer_seq_per_s").asDouble(), rss.get("child_peak_rss_kib").asDouble() / 1024.0, null);
    }
}
