package io.videoseq.app.progress;

/**
 * Shows the progress of a training run: within an epoch (sequences done, loss, speed, ETA) and one summary
 * line per epoch. Calls come from the training thread, in order: {@code epochStarted}, {@code batchDone}...,
 * {@code epochEnded}, repeatedly, then {@code close}.
 */
public interface EpochProgress extends AutoCloseable {
    /** @param sequences how many training sequences this epoch will see */
    void epochStarted(String modelName, int epoch, int totalEpochs, long sequences);

    /** @param loss the mean loss of the minibatch just trained */
    void batchDone(int sequencesInBatch, double loss);

    void epochEnded(EpochSummary summary);

    @Override
    void close();

    /**
     * A progress bar when a person watches a terminal; otherwise (CI logs, redirected output) plain log
     * lines at most every {@code logIntervalSeconds}, so logs stay short.
     */
    static EpochProgress forConsole(double logIntervalSeconds) {
        return System.console() != null ? new TerminalProgress() : new LogProgress(logIntervalSeconds);
    }
}
