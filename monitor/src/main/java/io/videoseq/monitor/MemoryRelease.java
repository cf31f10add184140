package io.videoseq.monitor;

import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Method;

/**
 * Gives memory back between ensemble members — the counterpart of the original's
 * {@code torch.cuda.empty_cache()}. Call it on the training thread after a member's model and arrays are
 * no longer referenced: ND4J workspaces belong to the thread that created them.
 */
public final class MemoryRelease {

    private static final Logger LOG = LoggerFactory.getLogger(MemoryRelease.class);

    private MemoryRelease() {
    }

    /**
     * Destroys the calling thread's ND4J workspaces, on a CUDA backend purges ND4J's device-memory cache,
     * runs the garbage collector so unreachable arrays free their off-heap buffers, lets JavaCPP deallocate
     * them, and asks the C library to return freed heap pages to the OS.
     *
     * @return whether the last step ran: JavaCPP 1.5.7 declares {@code Pointer.trimMemory()} private (it
     *         calls {@code malloc_trim(0)} on glibc) so it is reached reflectively; {@code false} where
     *         that is not possible
     */
    public static boolean releaseCurrentThread() {
        Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
        if (!Nd4j.getEnvironment().isCPU()) {
            // a no-op on CPU; on CUDA it frees the cached device blocks, which is what empty_cache() does
            Nd4j.getMemoryManager().purgeCaches();
        }
        System.gc();
        Pointer.deallocateReferences();
        return trimNativeHeap();
    }

    private static boolean trimNativeHeap() {
        try {
            Method trim = Pointer.class.getDeclaredMethod("trimMemory");
            trim.setAccessible(true);
            return Boolean.TRUE.equals(trim.invoke(null));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.debug("Pointer.trimMemory() unavailable, native heap not trimmed: {}", e.toString());
            return false;
        }
    }
}
