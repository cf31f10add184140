package io.videoseq.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.videoseq.core.json.JsonMappers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives the PyTorch anchor its best BLAS before it is measured, so the ratios compare fast code with fast code:
 * Debian's PyTorch runs on whatever {@code libblas.so.3} the system points at (the reference BLAS, 8 GFLOP/s,
 * unless OpenBLAS is installed), and OpenBLAS, like ND4J's, may not know the CPU and fall back to a generic core.
 * {@code torch_blas.py} (beside {@code bench_torch.py}) reports what the child loads; this class then
 * <ol>
 *   <li>points the child at Debian's OpenBLAS when it would run the reference BLAS and OpenBLAS is installed;</li>
 *   <li>sets {@code OPENBLAS_CORETYPE} for the child when OpenBLAS's own detection fell back to a generic core, by
 *       the same rule as the launcher ({@code tools/native/native-env.sh}); a value the user set wins;</li>
 *   <li>gives the child the cores videoseq has, in the split PyTorch runs fastest with: Debian's pthreads
 *       OpenBLAS keeps its own thread pool beside PyTorch's OpenMP one (it ignores {@code torch.set_num_threads}),
 *       so with n > 1 cores two pools of n fight over them (small config, 2 cores: 38.8 train seq/s) while one
 *       intra-op thread and n OpenBLAS threads is fastest (186.6; n intra-op + 1 OpenBLAS: 123.3). With one core,
 *       or another BLAS build, every knob gets n.</li>
 * </ol>
 *
 * @param library  the BLAS library file the child runs (null when none was found)
 * @param core     OpenBLAS's core, or null when the library is not OpenBLAS
 * @param source   how the kernels were chosen: {@code detected}, {@code videoseq} (core type set by the bench),
 *                 {@code user} (OPENBLAS_CORETYPE in the environment)
 * @param note     what the bench changed, or why the anchor is not fair ("" when nothing to say)
 * @param env      the environment for the child (a null value: the variable is removed)
 * @param intraOpThreads the thread count for {@code torch.set_num_threads}
 */
record TorchBlas(String library, String core, String source, String note, Map<String, String> env,
                 int intraOpThreads) {

    /** Debian's OpenBLAS (package libopenblas0-pthread) exports libblas.so.3 from here. */
    static final Path DEBIAN_OPENBLAS = Path.of("/usr/lib/x86_64-linux-gnu/openblas-pthread");
    private static final ObjectMapper JSON = JsonMappers.plain();

    /** The anchor is fair when its products run on an optimised BLAS. */
    boolean fair() {
        return optimised(library, core);
    }

    private static boolean optimised(String library, String core) {
        return core != null || (library != null && (library.contains("mkl") || library.contains("blis")));
    }

    /** One line for the console. */
    String describe() {
        String what = core != null ? "OpenBLAS core " + core + " (" + source + ")"
                : library == null ? "no BLAS library found" : "not OpenBLAS";
        return what + (library != null ? ", " + library : "") + (note.isEmpty() ? "" : "; " + note);
    }

    static TorchBlas choose(Path python, Path script, int threads, Path nativeEnvScript)
            throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>();
        for (String knob : List.of("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")) {
            env.put(knob, Integer.toString(threads));
        }
        // The launcher exports OPENBLAS_CORETYPE for ND4J's OpenBLAS when that one mis-detects the CPU; PyTorch's
        // OpenBLAS is another build that may detect it right, so that value is not passed on. One the user set is.
        String userCore = "videoseq".equals(System.getenv("VIDEOSEQ_BLAS_CORE_SOURCE")) ? null
                : System.getenv("OPENBLAS_CORETYPE");
        if (userCore == null) {
            env.put("OPENBLAS_CORETYPE", null);
        }
        // What the launcher set for ND4J's native libraries (glibc's arenas, OpenBLAS's thread timeout) is its own
        // tuning, not the anchor's: PyTorch runs with its own defaults, or with what the user set.
        withoutLauncherSettings(System.getenv("VIDEOSEQ_LAUNCHER_ENV"), env);
        List<String> note = new java.util.ArrayList<>();
        JsonNode info = probe(python, script, env);
        if (coreOf(info) == null && isReferenceBlas(info) && Files.isDirectory(DEBIAN_OPENBLAS)) {
            String ld = System.getenv("LD_LIBRARY_PATH");
            env.put("LD_LIBRARY_PATH", DEBIAN_OPENBLAS + (ld == null || ld.isEmpty() ? "" : ":" + ld));
            info = probe(python, script, env);
            note.add("bench pointed PyTorch at Debian's OpenBLAS instead of the reference BLAS");
        }
        String core = coreOf(info);
        String source = userCore != null && !userCore.isBlank() ? "user" : "detected";
        if (core != null && source.equals("detected") && Files.isRegularFile(nativeEnvScript)) {
            String forced = coretypeFor(nativeEnvScript, core);
            if (!forced.isEmpty()) {
                env.put("OPENBLAS_CORETYPE", forced);
                String detected = core;
                info = probe(python, script, env);
                core = coreOf(info);
                source = "videoseq";
                note.add("OpenBLAS detected " + detected);
            }
        }
        String library = info.path("blas_library").isTextual() ? info.get("blas_library").asText() : null;
        int intraOp = threads;
        if (threads > 1 && core != null && library != null && library.contains("pthread")) {
            intraOp = 1;
            env.put("OMP_NUM_THREADS", "1");
            note.add("1 intra-op thread + " + threads + " OpenBLAS threads (PyTorch's fastest split with pthreads"
                    + " OpenBLAS)");
        }
        if (!optimised(library, core)) {
            note.add("NOT a fair anchor: PyTorch runs the reference BLAS (install OpenBLAS: apt-get install"
                    + " libopenblas0-pthread)");
        }
        return new TorchBlas(library, core, source, String.join("; ", note),
                java.util.Collections.unmodifiableMap(env), intraOp);
    }

    /** Marks for removal (null) every variable the launcher's {@code VIDEOSEQ_LAUNCHER_ENV} says it set. */
    static void withoutLauncherSettings(String launcherSet, Map<String, String> env) {
        if (launcherSet != null) {
            for (String name : launcherSet.trim().split("\\s+")) {
                if (!name.isEmpty()) {
                    env.put(name, null);
                }
            }
        }
    }

    /** Sets this environment in a child's: a null value removes the variable. */
    void applyTo(Map<String, String> childEnvironment) {
        applyTo(env, childEnvironment);
    }

    private static void applyTo(Map<String, String> env, Map<String, String> childEnvironment) {
        env.forEach((k, v) -> {
            if (v == null) {
                childEnvironment.remove(k);
            } else {
                childEnvironment.put(k, v);
            }
        });
    }

    private static String coreOf(JsonNode info) {
        return info.path("openblas_core").isTextual() ? info.get("openblas_core").asText() : null;
    }

    private static boolean isReferenceBlas(JsonNode info) {
        String lib = info.path("blas_library").asText("");
        return lib.contains("/blas/libblas.so");
    }

    private static JsonNode probe(Path python, Path script, Map<String, String> env)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(python.toString(), script.resolveSibling("torch_blas.py").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        applyTo(env, pb.environment());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0 || !out.startsWith("{")) {
            throw new IllegalStateException("bench --torch: " + python + " torch_blas.py exited with " + p.exitValue()
                    + "; stdout: " + out);
        }
        return JSON.readTree(out.lines().reduce((a, b) -> b).orElse(out));
    }

    /** The launcher's rule, from the one script that holds it. */
    static String coretypeFor(Path nativeEnvScript, String detectedCore) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", ". \"$1\"; videoseq_coretype_for \"$2\" \"$(videoseq_cpu_flags)\"",
                "bash", nativeEnvScript.toString(), detectedCore).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor();
        return out;
    }
}
