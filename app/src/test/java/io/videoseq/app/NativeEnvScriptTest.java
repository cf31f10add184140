package io.videoseq.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** tools/native/native-env.sh, which ./videoseq and the test JVMs source: its choices and the launcher using them. */
class NativeEnvScriptTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path SCRIPT = ROOT.resolve("tools/native/native-env.sh");
    private static final String AVX512 = "fpu sse sse2 ssse3 sse4_1 sse4_2 avx fma avx2 avx512f avx512dq avx512cd"
            + " avx512bw avx512vl";
    private static final String AVX2 = "fpu sse sse2 ssse3 sse4_1 sse4_2 avx fma avx2";
    private static final String SSE = "fpu sse sse2 ssse3 sse4_1 sse4_2";

    @TempDir
    Path tmp;

    private record Result(int code, String out) {
    }

    private Result bash(Map<String, String> env, String script) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", ". '" + SCRIPT + "'; " + script).redirectErrorStream(true);
        pb.environment().remove("OPENBLAS_CORETYPE");
        pb.environment().remove("VIDEOSEQ_ND4J");
        pb.environment().put("XDG_CACHE_HOME", tmp.resolve("cache").toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new Result(p.exitValue(), out);
    }

    private String coretypeFor(String detected, String flags) throws Exception {
        return bash(Map.of(), "videoseq_coretype_for '" + detected + "' '" + flags + "'").out();
    }

    @Test
    void aGenericCoreIsLiftedToTheBestTheFlagsAllow() throws Exception {
        assertEquals("SkylakeX", coretypeFor("Prescott", AVX512)); // ND4J's 0.3.19 on Sapphire Rapids
        assertEquals("SkylakeX", coretypeFor("Barcelona", AVX512)); // and on AMD Zen 5
        assertEquals("Haswell", coretypeFor("Prescott", AVX2));
        assertEquals("", coretypeFor("Prescott", SSE)); // nothing better to run: today's behaviour
        assertEquals("", coretypeFor("Haswell", AVX512)); // a real detection is kept (AMD Zen 2-4)
        assertEquals("", coretypeFor("SkylakeX", AVX512));
        assertEquals("", coretypeFor("", AVX512)); // probe could not run: never guess
    }

    @Test
    void aCoreTypeTheUserSetWins() throws Exception {
        Result r = bash(Map.of("OPENBLAS_CORETYPE", "Zen"), "videoseq_native_env ''; echo \"$OPENBLAS_CORETYPE"
                + " $VIDEOSEQ_BLAS_CORE $VIDEOSEQ_BLAS_CORE_SOURCE\"");
        assertEquals("Zen Zen user", r.out());
    }

    @Test
    void theOneDnnBuildOnlyWithAvx2AndNeverWhenTheUserSaysPlain() throws Exception {
        Path avx2 = Files.writeString(tmp.resolve("avx2"), "processor\t: 0\nflags\t\t: " + AVX2 + "\n");
        Path sse = Files.writeString(tmp.resolve("sse"), "processor\t: 0\nflags\t\t: " + SSE + "\n");
        String show = "videoseq_native_env '' && echo $VIDEOSEQ_ND4J_VARIANT";
        assertEquals("onednn", bash(Map.of("VIDEOSEQ_CPUINFO", avx2.toString()), show).out());
        assertEquals("plain", bash(Map.of("VIDEOSEQ_CPUINFO", sse.toString()), show).out());
        assertEquals("plain", bash(Map.of("VIDEOSEQ_CPUINFO", avx2.toString(), "VIDEOSEQ_ND4J", "plain"), show).out());
        Result bad = bash(Map.of("VIDEOSEQ_ND4J", "fast"), show);
        assertEquals(2, bad.code());
        assertEquals("videoseq: VIDEOSEQ_ND4J: expected auto, onednn or plain, found 'fast'", bad.out());
        String cp = "/r/nd4j-native-1.0.0-M2.1-linux-x86_64.jar:/r/nd4j-native-1.0.0-M2.1-linux-x86_64-onednn.jar:/r/x.jar";
        assertEquals("/r/nd4j-native-1.0.0-M2.1-linux-x86_64.jar:/r/x.jar",
                bash(Map.of(), "VIDEOSEQ_ND4J_VARIANT=plain videoseq_variant_classpath '" + cp + "'").out());
        assertEquals(cp, bash(Map.of(), "VIDEOSEQ_ND4J_VARIANT=onednn videoseq_variant_classpath '" + cp + "'").out());
    }

    /** The probe asks ND4J's own OpenBLAS, and the core the script would force is one that build accepts here. */
    @Test
    void theProbeReadsOpenBlasOwnDetectionAndTheForcedCoreLoads() throws Exception {
        String flags = bash(Map.of(), "videoseq_cpu_flags").out();
        String detected = bash(Map.of("VIDEOSEQ_JAVA", javaBin()), "videoseq_detected_blas_core '" + testClasspath()
                + "'").out();
        assertFalse(detected.isEmpty(), "the probe printed no core");
        assertTrue(detected.matches("[A-Za-z0-9_]+"), detected);
        String strongest = coretypeFor("Prescott", flags);
        assumeTrue(!strongest.isEmpty(), "this CPU has no AVX2: no core type would ever be forced");
        Result forced = bash(Map.of("OPENBLAS_CORETYPE", strongest, "OPENBLAS_VERBOSE", "2"),
                "'" + javaBin() + "' -cp '" + probeJars() + "' '" + ROOT.resolve("tools/native/BlasCoreProbe.java")
                        + "'");
        assertTrue(forced.out().contains("Core: " + strongest), forced.out());
    }

    /** ./videoseq itself, in a copy of the checkout that looks built: it reports and honours its choices. */
    @Test
    void theLauncherRunsTheChosenBuild() throws Exception {
        Path home = tmp.resolve("checkout");
        Files.createDirectories(home.resolve("tools/native"));
        Files.createDirectories(home.resolve("app/target"));
        Files.copy(ROOT.resolve("videoseq"), home.resolve("videoseq"), StandardCopyOption.COPY_ATTRIBUTES);
        for (String f : List.of("native-env.sh", "BlasCoreProbe.java")) {
            Files.copy(ROOT.resolve("tools/native").resolve(f), home.resolve("tools/native").resolve(f));
        }
        Files.createSymbolicLink(home.resolve("app/target/classes"), Path.of("target/classes").toAbsolutePath());
        Files.writeString(home.resolve("app/target/classpath.txt"), testClasspath());
        Path stamp = Files.createFile(home.resolve("app/target/.videoseq-built"));
        Files.setLastModifiedTime(stamp, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        for (String variant : List.of("plain", "onednn")) {
            ProcessBuilder pb = new ProcessBuilder("bash", home.resolve("videoseq").toString(), "--version")
                    .redirectErrorStream(true);
            pb.environment().put("VIDEOSEQ_ND4J", variant);
            // the launcher's malloc arena limit and OpenBLAS thread timeout, unless the user set them (the plain
            // run sets its own)
            if (variant.equals("plain")) {
                pb.environment().put("MALLOC_ARENA_MAX", "3");
                pb.environment().put("OPENBLAS_THREAD_TIMEOUT", "6");
            } else {
                pb.environment().remove("MALLOC_ARENA_MAX");
                pb.environment().remove("OPENBLAS_THREAD_TIMEOUT");
            }
            pb.environment().put("XDG_CACHE_HOME", tmp.resolve("cache").toString());
            pb.environment().put("PATH", Path.of(javaBin()).getParent() + ":" + System.getenv("PATH"));
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains("Native: libnd4j " + variant + ", OpenBLAS core "), out);
            assertTrue(out.contains("malloc arenas " + (variant.equals("plain") ? "3" : "2")
                    + ", OpenBLAS thread timeout " + (variant.equals("plain") ? "6" : "4")), out);
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Surefire's test classpath (the JVM's own class path is only its booter jar). */
    private static String testClasspath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(cp.split(java.io.File.pathSeparator)).filter(e -> !e.isBlank())
                .collect(Collectors.joining(":"));
    }

    private static String probeJars() {
        List<String> jars = new ArrayList<>();
        for (String e : testClasspath().split(":")) {
            String name = Path.of(e).getFileName().toString();
            if (name.startsWith("javacpp-") || name.startsWith("openblas-")) {
                jars.add(e);
            }
        }
        return String.join(":", jars);
    }

}
