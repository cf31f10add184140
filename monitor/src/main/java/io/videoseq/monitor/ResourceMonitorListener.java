package io.videoseq.monitor;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Plugs a {@link ResourceMonitor} into DL4J's {@code fit}: starts it at the first epoch if the caller has
 * not, queues an {@code epoch_end} sample on the monitor thread at each epoch end (the training thread does
 * not wait for it), and fails the training with the monitor's error if its log cannot be written.
 *
 * <p>DL4J has no "training ended" callback: close the monitor after {@code fit} (try-with-resources).
 */
public final class ResourceMonitorListener extends BaseTrainingListener {

    private final ResourceMonitor monitor;

    public ResourceMonitorListener(ResourceMonitor monitor) {
        this.monitor = Objects.requireNonNull(monitor, "monitor must not be null");
    }

    @Override
    public void onEpochStart(Model model) {
        try {
            monitor.throwIfFailed();
            monitor.ensureStarted();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void onEpochEnd(Model model) {
        try {
            monitor.throwIfFailed();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (monitor.isRunning()) {
            monitor.recordAsync(SampleEvent.EPOCH_END);
        }
    }
}
