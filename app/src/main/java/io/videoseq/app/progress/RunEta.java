package io.videoseq.app.progress;

/** Estimates the time left in a run from the mean duration of the epochs finished so far in this process. */
public final class RunEta {
    private double secondsSum;
    private int epochsTimed;

    /** Records a finished epoch and returns the estimated seconds until {@code totalEpochs} are done. */
    public double epochFinished(int epoch, int totalEpochs, double epochSeconds) {
        secondsSum += epochSeconds;
        epochsTimed++;
        return (secondsSum / epochsTimed) * Math.max(0, totalEpochs - epoch);
    }
}
