package io.videoseq.app.progress;

import io.videoseq.app.io.Terminal;

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
     * A progress bar when stderr, where it draws, is a terminal; otherwise (CI logs, {@code 2> log}) plain log
     * lines at most every {@code logIntervalSeconds}, so logs stay short and free of {@code \r} frames.
     */
    static EpochProgress forConsole(double logIntervalSeconds) {
        return forStderr(Terminal.stderr(), logIntervalSeconds);
    }

    /** The progress for a stderr that is, or is not, a terminal. */
    static EpochProgress forStderr(boolean stderrIsTerminal, double logIntervalSeconds) {
        return stderrIsTerminal ? new TerminalProgress() : new LogProgress(logIntervalSeconds);
    }
}
