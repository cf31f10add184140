package io.videoseq.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class TorchBlasTest {

    private static final Path NATIVE_ENV = Path.of("../tools/native/native-env.sh");
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @Test
    void theAnchorUsesTheLaunchersRuleForGenericCores() throws Exception {
        // the same rule, from the same script, as the videoseq side; what it answers depends on this CPU's flags
        String forced = TorchBlas.coretypeFor(NATIVE_ENV, "Prescott");
        assertTrue(forced.isEmpty() || forced.equals("Haswell") || forced.equals("SkylakeX"), forced);
        assertEquals("", TorchBlas.coretypeFor(NATIVE_ENV, "Cooperlake"), "a real detection is kept");
    }

    @Test
    void theLaunchersOwnSettingsAreNotTheAnchors() {
        Map<String, String> env = new java.util.HashMap<>(Map.of("OMP_NUM_THREADS", "2"));
        TorchBlas.withoutLauncherSettings(" MALLOC_ARENA_MAX OPENBLAS_THREAD_TIMEOUT", env);
        assertTrue(env.containsKey("MALLOC_ARENA_MAX") && env.get("MALLOC_ARENA_MAX") == null, env.toString());
        assertTrue(env.containsKey("OPENBLAS_THREAD_TIMEOUT") && env.get("OPENBLAS_THREAD_TIMEOUT") == null);
        Map<String, String> child = new java.util.HashMap<>(Map.of("MALLOC_ARENA_MAX", "2",
                "OPENBLAS_THREAD_TIMEOUT", "4", "PATH", "/bin"));
        new TorchBlas(null, null, "detected", "", env, 2).applyTo(child);
        assertEquals(Map.of("PATH", "/bin", "OMP_NUM_THREADS", "2"), child, "removed from the child's environment");
        Map<String, String> untouched = new java.util.HashMap<>();
        TorchBlas.withoutLauncherSettings(null, untouched);
        TorchBlas.withoutLauncherSettings("", untouched);
        assertTrue(untouched.isEmpty(), "nothing set by a launcher: nothing removed");
    }

    @Test
    void onlyAnOptimisedBlasIsAFairAnchor() {
        assertTrue(new TorchBlas("/usr/lib/x/libopenblasp-r0.3.21.so", "Haswell", "detected", "", Map.of(), 1).fair());
        assertTrue(new TorchBlas("/opt/intel/libmkl_rt.so", null, "detected", "", Map.of(), 1).fair());
        TorchBlas reference = new TorchBlas("/usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0", null, "detected",
                "NOT a fair anchor", Map.of(), 1);
        assertFalse(reference.fair());
        assertTrue(reference.describe().startsWith("not OpenBLAS, /usr/lib/x86_64-linux-gnu/blas/"),
                reference.describe());
    }

    /** With Debian's PyTorch installed: the child gets one thread count in every knob and reports its kernels. */
    @Test
    void theChildGetsTheThreadsAndReportsItsBlas() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON) && new ProcessBuilder(PYTHON.toString(), "-c", "import torch").start()
                .waitFor(60, TimeUnit.SECONDS), "no Debian PyTorch here (python3-torch)");
        Path script = TorchBench.locateScript(Path.of(""));
        TorchBlas blas;
        try {
            blas = TorchBlas.choose(PYTHON, script, 1, NATIVE_ENV);
        } catch (IllegalStateException noTorch) {
            assumeTrue(false, "python3 cannot import torch: " + noTorch.getMessage());
            return;
        }
        assertEquals("1", blas.env().get("OMP_NUM_THREADS"));
        assertEquals("1", blas.env().get("OPENBLAS_NUM_THREADS"));
        TorchBlas two = TorchBlas.choose(PYTHON, script, 2, NATIVE_ENV);
        assertEquals("2", two.env().get("OPENBLAS_NUM_THREADS"));
        if (two.library().contains("pthread") && two.core() != null) { // Debian's pthreads OpenBLAS: its own pool
            assertEquals(1, two.intraOpThreads());
            assertEquals("1", two.env().get("OMP_NUM_THREADS"));
        } else {
            assertEquals(2, two.intraOpThreads());
        }
        assertNotNull(blas.library(), blas.describe());
        if (blas.core() != null) {
            assertTrue(blas.fair());
            assertEquals(blas.source().equals("videoseq"), blas.env().get("OPENBLAS_CORETYPE") != null,
                    blas.describe());
        }
    }
}
