package io.videoseq.model.runtime;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NativeRuntimeTest {

    /**
     * The test JVM runs the libnd4j build the build chose: oneDNN by default, plain under -Dvideoseq.nd4j=plain
     * (the model module's plain-backend execution passes the expectation in videoseq.expect.nd4j).
     */
    @Test
    void reportsTheLibnd4jBuildThisJvmLoaded() {
        NativeRuntime rt = NativeRuntime.current();
        assertEquals(System.getProperty("videoseq.expect.nd4j", "onednn"), rt.nd4jVariant(), rt.toString());
        assertTrue(rt.nd4jLibrary().contains("libjnind4jcpu"), rt.nd4jLibrary());
        assertTrue(rt.ompThreads() >= 1);
        assertTrue(rt.summary().startsWith("libnd4j " + rt.nd4jVariant() + ", OpenBLAS core "), rt.summary());
    }

    /** Surefire starts this JVM through tools/native/java, which always says what it chose for OpenBLAS. */
    @Test
    void theTestJvmWasStartedThroughTheNativeEnvironmentScript() {
        String source = System.getenv("VIDEOSEQ_BLAS_CORE_SOURCE");
        assertNotNull(source, "VIDEOSEQ_BLAS_CORE_SOURCE unset: the pom's <jvm>tools/native/java</jvm> did not run");
        assertTrue(Map.of("detected", 1, "videoseq", 1, "user", 1).containsKey(source), source);
        if (source.equals("videoseq")) {
            assertTrue(System.getenv("VIDEOSEQ_BLAS_CORE").startsWith(System.getenv("OPENBLAS_CORETYPE") + " "),
                    System.getenv("VIDEOSEQ_BLAS_CORE"));
        }
        assertTrue(!System.getenv("VIDEOSEQ_BLAS_CORE").equals("unknown"), "the OpenBLAS probe did not run");
    }

    @Test
    void withoutTheLauncherTheCoreIsWhatTheEnvironmentSays() {
        assertEquals("SkylakeX", NativeRuntime.blasCore(Map.of("OPENBLAS_CORETYPE", "SkylakeX")));
        assertEquals("user", NativeRuntime.blasCoreSource(Map.of("OPENBLAS_CORETYPE", "SkylakeX")));
        assertTrue(NativeRuntime.blasCore(Map.of()).startsWith("not known"));
        assertEquals("unknown", NativeRuntime.blasCoreSource(Map.of()));
        assertEquals("Haswell", NativeRuntime.blasCore(Map.of("VIDEOSEQ_BLAS_CORE", "Haswell",
                "OPENBLAS_CORETYPE", "SkylakeX")));
        assertEquals("default", NativeRuntime.setting(Map.of(), "MALLOC_ARENA_MAX"));
        assertEquals("2", NativeRuntime.setting(Map.of("MALLOC_ARENA_MAX", " 2"), "MALLOC_ARENA_MAX"));
    }
}
