package io.videoseq.app.progress;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress for non-interactive output: a line within an epoch at most every {@code intervalSeconds}
 * (sequences done, running loss, sequences/s, epoch ETA) and one summary line per epoch.
 */
final class LogProgress implements EpochProgress {
    private static final Logger LOG = LoggerFactory.getLogger("videoseq");
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Consumer<String> sink;
    private String task = "";
    private long total;
    private long done;
    private double lossSum;
    private long batches;
    private long startNanos;
    private long lastLineNanos;

    LogProgress(double intervalSeconds) {
        this(intervalSeconds, System::nanoTime, LOG::info);
    }

    LogProgress(double intervalSeconds, LongSupplier nanoTime, Consumer<String> sink) {
        this.intervalNanos = (long) (intervalSeconds * 1e9);
        this.nanoTime = nanoTime;
        this.sink = sink;
    }

    @Override
    public void epochStarted(String modelName, int epoch, int totalEpochs, long sequences) {
        task = String.format(Locale.ROOT, "[%s] epoch %d/%d", modelName, epoch, totalEpochs);
        total = sequences;
        done = 0;
        lossSum = 0;
        batches = 0;
        startNanos = nanoTime.getAsLong();
        lastLineNanos = startNanos;
    }

    @Override
    public void batchDone(int sequencesInBatch, double loss) {
        done += sequencesInBatch;
        lossSum += loss;
        batches++;
        long now = nanoTime.getAsLong();
        if (now - lastLineNanos >= intervalNanos && done < total) {
            lastLineNanos = now;
            double elapsed = (now - startNanos) / 1e9;
            double speed = elapsed > 0 ? done / elapsed : Double.NaN;
            double eta = speed > 0 ? (total - done) / speed : Double.NaN;
            sink.accept(String.format(Locale.ROOT, "%s  %d/%d seq  loss %.4f  %.1f seq/s  ETA %s", task, done,
                    total, lossSum / batches, speed, Durations.format(eta)));
        }
    }

    @Override
    public void epochEnded(EpochSummary summary) {
        sink.accept(summary.line());
    }

    @Override
    public void close() {
        // Nothing is held open: every line is complete when written.
    }
}
