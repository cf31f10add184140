package io.videoseq.monitor;

import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.memory.AllocationsTracker;
import org.nd4j.linalg.api.memory.enums.AllocationKind;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.CentralProcessor.TickType;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

import java.time.OffsetDateTime;

/**
 * Takes {@link ResourceSample}s: system metrics through OSHI, heap through {@link Runtime}, off-heap through
 * libnd4j's and JavaCPP's counters, GPU memory through ND4J on a CUDA backend. All readings are counters
 * or small {@code /proc} reads, so a sample takes milliseconds (recorded as {@code sample_ms}).
 *
 * <p>It never creates an {@code INDArray}, so it allocates nothing in any ND4J workspace and may run on any
 * thread. Thread-safe. CPU percentages cover the window since the previous CPU reading: a sample taken
 * less than {@link #MIN_CPU_WINDOW_MS} ms after the previous CPU reading repeats the previous CPU figures
 * (and keeps the window open); the very first sample waits until that much time has passed since
 * construction.
 */
public final class ResourceSampler {

    /**
     * Shortest CPU window: the kernel's tick counters advance every 10 ms, and a process's CPU time in
     * {@code /proc} only as fast; a shorter window would mostly measure rounding.
     */
    public static final long MIN_CPU_WINDOW_MS = 350L;
    private static final double GB = 1024.0 * 1024.0 * 1024.0;

    private final CentralProcessor cpu;
    private final GlobalMemory memory;
    private final OperatingSystem os;
    private final int pid;
    private final int logicalProcessors;
    private final GpuMemoryProbe gpu;
    private final Environment nd4j;

    private long[] windowStartTicks;
    private OSProcess windowStartProcess;
    private long windowStartNanos;
    private double lastSystemCpu = Double.NaN;
    private double lastProcessCpu = Double.NaN;

    /** Initialises OSHI and the ND4J backend (seconds on first use), then opens the first CPU window. */
    public ResourceSampler() {
        SystemInfo si = new SystemInfo();
        this.cpu = si.getHardware().getProcessor();
        this.memory = si.getHardware().getMemory();
        this.os = si.getOperatingSystem();
        this.pid = os.getProcessId();
        this.logicalProcessors = Math.max(1, cpu.getLogicalProcessorCount());
        this.gpu = GpuMemoryProbe.detect();
        this.nd4j = Nd4j.getEnvironment();
        openCpuWindow();
    }

    /** Whether samples carry GPU memory (a CUDA backend is active). */
    public boolean hasGpu() {
        return gpu.hasGpu();
    }

    /** Measures now; see the class comment for the CPU window. */
    public synchronized ResourceSample sample(SampleEvent event) {
        if (Double.isNaN(lastSystemCpu)) {
            waitForFirstWindow();
        }
        long t0 = System.nanoTime();
        String timestamp = OffsetDateTime.now().toString();
        readCpu(t0);
        long total = memory.getTotal();
        long used = Math.max(0L, total - memory.getAvailable());
        Runtime rt = Runtime.getRuntime();
        // The two reads race with the heap resizing (a GC in between): total - free was seen at -127 MB, which the
        // sample's validation rejects and the monitor then stops; as for RAM above, clamp at 0.
        long heapUsed = Math.max(0L, rt.totalMemory() - rt.freeMemory());
        // device 0 is the host on the CPU backend; on CUDA the device side is in the gpu object
        long nd4jBuffers = Math.max(0L, nd4j.getDeviceCouner(0));
        long nd4jWorkspaces = AllocationsTracker.getInstance().bytesOnDevice(AllocationKind.WORKSPACE, 0);
        long javacpp = Pointer.totalBytes();
        long physical = Pointer.physicalBytes();
        GpuMemory gpuMemory = gpu.read();
        double ms = (System.nanoTime() - t0) / 1e6;
        return new ResourceSample(timestamp, event, pid, round(lastSystemCpu, 2), round(lastProcessCpu, 2),
                round(used / GB, 4), round(total / GB, 4), total == 0 ? 0.0 : round(100.0 * used / total, 2),
                heapUsed, rt.maxMemory(), nd4jBuffers, nd4jWorkspaces, javacpp, physical, gpuMemory, round(ms, 3));
    }

    private void readCpu(long now) {
        if (now - windowStartNanos < MIN_CPU_WINDOW_MS * 1_000_000L && !Double.isNaN(lastSystemCpu)) {
            return;
        }
        long[] ticks = cpu.getSystemCpuLoadTicks();
        lastSystemCpu = clampPercent(100.0 * busyFraction(windowStartTicks, ticks));
        OSProcess current = os.getProcess(pid);
        if (current != null && windowStartProcess != null) {
            // CPU milliseconds over wall milliseconds of all logical processors: the system's 0-100 scale
            double cpuMs = (current.getKernelTime() + current.getUserTime())
                    - (windowStartProcess.getKernelTime() + windowStartProcess.getUserTime());
            double wallMs = (now - windowStartNanos) / 1e6;
            lastProcessCpu = clampPercent(100.0 * cpuMs / (wallMs * logicalProcessors));
        } else {
            lastProcessCpu = 0.0;
        }
        windowStartTicks = ticks;
        windowStartProcess = current;
        windowStartNanos = now;
    }

    private void openCpuWindow() {
        windowStartTicks = cpu.getSystemCpuLoadTicks();
        windowStartProcess = os.getProcess(pid);
        windowStartNanos = System.nanoTime();
    }

    private void waitForFirstWindow() {
        long remainingMs = MIN_CPU_WINDOW_MS - (System.nanoTime() - windowStartNanos) / 1_000_000L;
        if (remainingMs > 0) {
            try {
                Thread.sleep(remainingMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The share of ticks between two readings that were not idle (idle and I/O wait count as idle). */
    static double busyFraction(long[] before, long[] after) {
        long total = 0;
        for (int i = 0; i < after.length && i < before.length; i++) {
            total += after[i] - before[i];
        }
        long idle = (after[TickType.IDLE.getIndex()] - before[TickType.IDLE.getIndex()])
                + (after[TickType.IOWAIT.getIndex()] - before[TickType.IOWAIT.getIndex()]);
        return total <= 0 ? 0.0 : (double) (total - idle) / total;
    }

    private static double clampPercent(double v) {
        if (!(v >= 0.0)) {
            return 0.0;
        }
        return Math.min(100.0, v);
    }

    private static double round(double v, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(v * scale) / scale;
    }
}
