package io.videoseq.app.progress;

import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An interactive progress bar per epoch on stderr (sequences, loss, sequences/s, ETA) drawn by progressbar with
 * videoseq's {@link ProgressLine}, which fits the terminal's width; summary lines logged.
 */
final class TerminalProgress implements EpochProgress {
    private static final Logger LOG = LoggerFactory.getLogger("videoseq");
    private ProgressBar bar;
    private double lossSum;
    private long batches;
    /** The mean loss so far, read by progressbar's drawing thread. */
    private volatile double meanLoss = Double.NaN;

    @Override
    public void epochStarted(String modelName, int epoch, int totalEpochs, long sequences) {
        closeBar();
        lossSum = 0;
        batches = 0;
        meanLoss = Double.NaN;
        String task = String.format(Locale.ROOT, "[%s] epoch %d/%d", modelName, epoch, totalEpochs);
        bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(sequences)
                // Padded to the width: the consumer rewrites the line after a carriage return without clearing
                // it, so a shorter line would leave the end of the longer one before it on screen.
                .setRenderer((state, width) -> pad(line(task, state).render(width), width))
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(500)
                .build();
    }

    @Override
    public void batchDone(int sequencesInBatch, double loss) {
        if (bar == null) {
            return;
        }
        lossSum += loss;
        batches++;
        meanLoss = lossSum / batches;
        bar.stepBy(sequencesInBatch);
    }

    static String pad(String line, int width) {
        return line.length() >= width ? line : line + " ".repeat(width - line.length());
    }

    private ProgressLine line(String task, ProgressState state) {
        long done = state.getCurrent();
        double seconds = state.getElapsedAfterStart().toNanos() / 1e9;
        double speed = done > 0 && seconds > 0 ? done / seconds : Double.NaN;
        double eta = speed > 0 ? (state.getMax() - done) / speed : Double.NaN;
        return new ProgressLine(task, done, state.getMax(), speed, meanLoss, eta);
    }

    @Override
    public void epochEnded(EpochSummary summary) {
        closeBar();
        LOG.info(summary.line());
    }

    @Override
    public void close() {
        closeBar();
    }

    private void closeBar() {
        if (bar != null) {
            // No rewrite of the maximum: it is the epoch's exact size, so an epoch cut short shows how far it got.
            bar.close();
            bar = null;
        }
    }
}
