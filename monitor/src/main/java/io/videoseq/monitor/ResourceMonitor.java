package io.videoseq.monitor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Records CPU, RAM, JVM heap, off-heap and GPU memory to a crash-safe JSON Lines log on a daemon thread,
 * every {@link MonitorConfig#interval()}, so the record of a run survives its interruption.
 *
 * <p>Lifecycle: construct (reads the samples an earlier run left in the log), {@link #start()} (one sample
 * at once, then one per interval), {@link #stop()} (a final sample; idempotent), {@link #close()}. A
 * restarted monitor on the same path continues the log. Sampling runs off the calling thread and never
 * touches an {@code INDArray}. If the background thread fails (for instance, the disk is full) it stops
 * sampling and keeps the error; {@link #throwIfFailed()}, {@link #stop()} and {@link #close()} rethrow it,
 * naming the log path.
 */
public final class ResourceMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ResourceMonitor.class);
    private static final long STOP_WAIT_SECONDS = 30;

    private enum State { NEW, RUNNING, STOPPED, CLOSED }

    private final MonitorConfig config;
    private final ResourceSampler sampler;
    private final ResourceLogWriter writer;
    private final Object recordLock = new Object();
    private final List<ResourceSample> samples;
    private volatile Throwable failure;
    private State state = State.NEW;
    private ScheduledExecutorService executor;

    /** Reads the existing log at {@code config.logPath()} (if any) and opens it for appending. */
    public ResourceMonitor(MonitorConfig config) throws IOException {
        this(config, new ResourceSampler());
    }

    /** As {@link #ResourceMonitor(MonitorConfig)}, sharing a sampler (its backend detection is slow). */
    public ResourceMonitor(MonitorConfig config, ResourceSampler sampler) throws IOException {
        this.config = Objects.requireNonNull(config, "config must not be null");
        this.sampler = Objects.requireNonNull(sampler, "sampler must not be null");
        this.samples = Files.exists(config.logPath())
                ? new ArrayList<>(ResourceLog.read(config.logPath())) : new ArrayList<>();
        this.writer = ResourceLogWriter.open(config.logPath());
    }

    public MonitorConfig config() {
        return config;
    }

    /** Records one sample (on the monitor thread) and schedules one per interval. */
    public synchronized void start() throws IOException {
        if (state != State.NEW) {
            throw new IllegalStateException("resource monitor of " + config.logPath() + " is " + state
                    + ": start() is allowed once, on a new monitor");
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "videoseq-resource-monitor");
            t.setDaemon(true);
            return t;
        });
        state = State.RUNNING;
        // Said here, not when the log is opened: a run refused after opening it (or a finished run resumed)
        // continues nothing.
        if (!samples.isEmpty()) {
            LOG.info("{}: continuing a resource log of {} samples", config.logPath(), samples.size());
        }
        try {
            executor.submit(() -> record(SampleEvent.START)).get();
        } catch (ExecutionException e) {
            shutdownExecutor();
            state = State.STOPPED;
            throw asIOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutdownExecutor();
            state = State.STOPPED;
            throw new InterruptedIOException("interrupted while taking the first resource sample");
        }
        long ms = config.interval().toMillis();
        executor.scheduleWithFixedDelay(this::recordInBackground, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Starts a new monitor; does nothing to one that is running or already stopped. */
    public synchronized void ensureStarted() throws IOException {
        if (state == State.NEW) {
            start();
        }
    }

    public synchronized boolean isRunning() {
        return state == State.RUNNING;
    }

    /** Stops the background thread and records a final sample; does nothing if not running. */
    public synchronized void stop() throws IOException {
        if (state != State.RUNNING) {
            throwIfFailed();
            return;
        }
        shutdownExecutor();
        state = State.STOPPED;
        throwIfFailed();
        record(SampleEvent.STOP);
    }

    /** {@link #stop()}, then closes the log file. */
    @Override
    public synchronized void close() throws IOException {
        if (state == State.CLOSED) {
            return;
        }
        try {
            stop();
        } finally {
            state = State.CLOSED;
            writer.close();
        }
    }

    /** Takes a sample on the calling thread and appends it to the log; returns it. */
    public ResourceSample record(SampleEvent event) throws IOException {
        Objects.requireNonNull(event, "event must not be null");
        synchronized (recordLock) {
            ResourceSample s = sampler.sample(event);
            writer.append(s);
            samples.add(s);
            return s;
        }
    }

    /**
     * Queues a sample on the monitor thread, so the caller (a training thread) does not wait for it. After sampling
     * failed it does nothing: the failure is kept for {@link #stop()}, and the training that called this goes on
     * (it used to die here with the executor's RejectedExecutionException, an internal error).
     *
     * @throws IllegalStateException if the monitor is not running
     */
    public synchronized void recordAsync(SampleEvent event) {
        Objects.requireNonNull(event, "event must not be null");
        if (state != State.RUNNING) {
            throw new IllegalStateException("resource monitor of " + config.logPath() + " is " + state
                    + ": recordAsync needs a running monitor");
        }
        if (failure != null || executor.isShutdown()) {
            return;
        }
        try {
            executor.execute(() -> {
                if (failure == null) {
                    recordOrKeepFailure(event);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException shutDownMeanwhile) {
            // the monitor thread failed between the check above and here; stop() reports why
        }
    }

    /**
     * Records a {@code release_before} sample, runs {@link MemoryRelease#releaseCurrentThread()} and records
     * a {@code release_after} sample. Call it on the training thread, between ensemble members.
     */
    public ReleaseReport releaseBetweenMembers() throws IOException {
        ResourceSample before = record(SampleEvent.RELEASE_BEFORE);
        boolean trimmed = MemoryRelease.releaseCurrentThread();
        ResourceSample after = record(SampleEvent.RELEASE_AFTER);
        return new ReleaseReport(before, after, trimmed);
    }

    /** Every sample of the log: those of earlier runs, then this monitor's. */
    public List<ResourceSample> samples() {
        synchronized (recordLock) {
            return List.copyOf(samples);
        }
    }

    public ResourceSummary summary() {
        return ResourceSummary.of(samples());
    }

    /** Rethrows the error that stopped the background thread, if any. */
    public void throwIfFailed() throws IOException {
        Throwable f = failure;
        if (f != null) {
            throw asIOException(f);
        }
    }

    private void recordInBackground() {
        if (failure == null) {
            recordOrKeepFailure(SampleEvent.INTERVAL);
        }
    }

    private void recordOrKeepFailure(SampleEvent event) {
        try {
            record(event);
        } catch (IOException | RuntimeException e) {
            // an exception escaping a periodic task would silently cancel it; keep it for the owner instead
            failure = e;
            LOG.error("{}: resource monitoring stopped: {}", config.logPath(), e.toString());
            executor.shutdown();
        }
    }

    private void shutdownExecutor() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("{}: resource monitor thread did not finish within {} s", config.logPath(),
                        STOP_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private IOException asIOException(Throwable t) {
        if (t instanceof IOException io) {
            return io;
        }
        if (t instanceof UncheckedIOException u) {
            return u.getCause();
        }
        return new IOException(config.logPath() + ": resource sampling failed: " + t, t);
    }
}
