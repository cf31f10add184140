package io.videoseq.model.runtime;

import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The native code this JVM runs, for {@code --version}, the bench JSON and bug reports: which libnd4j build JavaCPP
 * loaded (plain or oneDNN), which OpenBLAS kernels run and who chose them, and the OpenMP threads.
 *
 * <p>The OpenBLAS core cannot be read in the JVM (JavaCPP's OpenBLAS presets do not map
 * {@code openblas_get_corename}); tools/native/native-env.sh, which starts every videoseq JVM, finds it out and
 * passes it on in {@code VIDEOSEQ_BLAS_CORE}. A JVM started some other way reports what its environment says.
 *
 * @param nd4jVariant {@code onednn} or {@code plain} (or the backend's name when it is not ND4J's CPU backend)
 * @param nd4jLibrary the file JavaCPP loaded libnd4j's JNI library from ("" when not known)
 * @param blasCore    the OpenBLAS core the kernels are chosen for, e.g. {@code Haswell}, or a sentence saying why it
 *                    is not known
 * @param blasCoreSource {@code detected} (OpenBLAS's own detection), {@code videoseq} (set by the launcher because
 *                    the detection fell back to a generic core), {@code user} (OPENBLAS_CORETYPE set by the user) or
 *                    {@code unknown}
 * @param ompThreads  libnd4j's OpenMP threads
 * @param mallocArenas glibc's malloc arena limit, {@code MALLOC_ARENA_MAX} as the JVM was started with (the launcher
 *                    sets 2), or {@code default}
 * @param blasThreadTimeout how long OpenBLAS's idle threads spin, {@code OPENBLAS_THREAD_TIMEOUT} (log2 of cycles;
 *                    the launcher sets 4), or {@code default}
 */
public record NativeRuntime(String nd4jVariant, String nd4jLibrary, String blasCore, String blasCoreSource,
                            int ompThreads, String mallocArenas, String blasThreadTimeout) {

    /** Starts ND4J if it has not started yet. */
    public static NativeRuntime current() {
        Nd4j.getBackend();
        String library = String.valueOf(Loader.getLoadedLibraries().getOrDefault("jnind4jcpu", ""));
        String variant;
        if (!library.isEmpty()) {
            variant = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo().contains("HAVE_ONEDNN")
                    ? "onednn" : "plain";
        } else {
            variant = Nd4j.getBackend().getClass().getSimpleName();
        }
        return new NativeRuntime(variant, library, blasCore(System.getenv()), blasCoreSource(System.getenv()),
                NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads(),
                setting(System.getenv(), "MALLOC_ARENA_MAX"), setting(System.getenv(), "OPENBLAS_THREAD_TIMEOUT"));
    }

    /** An environment variable the launcher may set, or {@code default}. */
    static String setting(Map<String, String> env, String name) {
        String v = env.get(name);
        return v != null && !v.isBlank() ? v.trim() : "default";
    }

    static String blasCore(Map<String, String> env) {
        String core = env.get("VIDEOSEQ_BLAS_CORE");
        if (core != null && !core.isBlank()) {
            return core;
        }
        String forced = env.get("OPENBLAS_CORETYPE");
        return forced != null && !forced.isBlank() ? forced
                : "not known (start through ./videoseq, or set OPENBLAS_VERBOSE=2 to see OpenBLAS print it)";
    }

    static String blasCoreSource(Map<String, String> env) {
        String source = env.get("VIDEOSEQ_BLAS_CORE_SOURCE");
        if (source != null && !source.isBlank()) {
            return source;
        }
        String forced = env.get("OPENBLAS_CORETYPE");
        return forced != null && !forced.isBlank() ? "user" : "unknown";
    }

    /**
     * One line: {@code libnd4j onednn, OpenBLAS core Haswell (detected), 1 OpenMP thread(s), malloc arenas 2,
     * OpenBLAS thread timeout 4}.
     */
    public String summary() {
        return "libnd4j " + nd4jVariant + ", OpenBLAS core " + blasCore + " (" + blasCoreSource + "), " + ompThreads
                + " OpenMP thread(s), malloc arenas " + mallocArenas + ", OpenBLAS thread timeout " + blasThreadTimeout;
    }

    /** For JSON: stable snake_case keys. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nd4j_variant", nd4jVariant);
        m.put("nd4j_library", nd4jLibrary);
        m.put("blas_core", blasCore);
        m.put("blas_core_source", blasCoreSource);
        m.put("omp_threads", ompThreads);
        m.put("malloc_arena_max", mallocArenas);
        m.put("openblas_thread_timeout", blasThreadTimeout);
        return m;
    }
}
