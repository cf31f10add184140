package io.videoseq.app.progress;

/**
 * Estimates the time left from the mean duration of the epochs finished so far in this process: in the model being
 * trained, and in the whole run when it trains several models (an ensemble or a shard of one) of the same size.
 * Early stopping can only make either shorter.
 */
public final class RunEta {
    private final int models;
    private int modelsStarted;
    private double secondsSum;
    private int epochsTimed;
    private double runSeconds = Double.NaN;

    /** For a run of one model. */
    public RunEta() {
        this(1);
    }

    /** For a run that trains {@code models} models one after another, each up to the same number of epochs. */
    public RunEta(int models) {
        if (models < 1) {
            throw new IllegalArgumentException("models: expected >= 1, found " + models);
        }
        this.models = models;
    }

    /** A model starts training (the first, or the next of the run). */
    public void modelStarted() {
        modelsStarted++;
    }

    /** Records a finished epoch and returns the estimated seconds until {@code totalEpochs} of this model are done. */
    public double epochFinished(int epoch, int totalEpochs, double epochSeconds) {
        secondsSum += epochSeconds;
        epochsTimed++;
        double mean = secondsSum / epochsTimed;
        double model = mean * Math.max(0, totalEpochs - epoch);
        int later = Math.max(0, models - Math.max(1, modelsStarted));
        runSeconds = model + mean * totalEpochs * later;
        return model;
    }

    /** Seconds until the last model's last epoch, after the last {@link #epochFinished}; NaN before it. */
    public double runSeconds() {
        return runSeconds;
    }

    /** Whether the run trains more than one model, so that its estimate differs from the model's. */
    public boolean severalModels() {
        return models > 1;
    }
}
