package io.videoseq.app.progress;

import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An interactive progress bar per epoch on stderr (sequences, loss, sequences/s, ETA); summary lines logged. */
final class TerminalProgress implements EpochProgress {
    private static final Logger LOG = LoggerFactory.getLogger("videoseq");
    private ProgressBar bar;
    private double lossSum;
    private long batches;

    @Override
    public void epochStarted(String modelName, int epoch, int totalEpochs, long sequences) {
        closeBar();
        lossSum = 0;
        batches = 0;
        bar = new ProgressBarBuilder()
                .setTaskName(String.format(Locale.ROOT, "[%s] epoch %d/%d", modelName, epoch, totalEpochs))
                .setInitialMax(sequences)
                .setUnit(" seq", 1)
                .showSpeed()
                .setStyle(ProgressBarStyle.ASCII)
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
        bar.stepBy(sequencesInBatch);
        bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f", lossSum / batches));
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
