package io.videoseq.monitor;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Reads GPU memory when ND4J runs on a CUDA backend; reads nothing on the CPU backend.
 *
 * <p>Only the CPU path is exercised by this module's tests (no GPU on the build machine); the CUDA path
 * uses ND4J's public API ({@code MemoryManager.allocatedMemory(device)}, which on CUDA sums ND4J's
 * {@code AllocationsTracker} counters, and {@code NativeOps.getDeviceTotalMemory/FreeMemory}) and compiles
 * against M2.1, but has not been run here.
 */
final class GpuMemoryProbe {

    private static final double GB = 1024.0 * 1024.0 * 1024.0;

    private final int devices;
    private long peakAllocatedBytes;

    private GpuMemoryProbe(int devices) {
        this.devices = devices;
    }

    /** Loads the ND4J backend if needed (which can take seconds) and decides whether a GPU is in use. */
    static GpuMemoryProbe detect() {
        boolean cpu = Nd4j.getEnvironment().isCPU();
        return new GpuMemoryProbe(cpu ? 0 : Nd4j.getAffinityManager().getNumberOfDevices());
    }

    boolean hasGpu() {
        return devices > 0;
    }

    /** GPU memory summed over the devices, or {@code null} on the CPU backend. */
    synchronized GpuMemory read() {
        if (devices == 0) {
            return null;
        }
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        long allocated = 0;
        long inUse = 0;
        for (int d = 0; d < devices; d++) {
            allocated += Nd4j.getMemoryManager().allocatedMemory(d);
            inUse += Math.max(0L, ops.getDeviceTotalMemory(d) - ops.getDeviceFreeMemory(d));
        }
        peakAllocatedBytes = Math.max(peakAllocatedBytes, allocated);
        return new GpuMemory(allocated / GB, inUse / GB, peakAllocatedBytes / GB);
    }
}
