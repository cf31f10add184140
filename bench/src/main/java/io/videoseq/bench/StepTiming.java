package io.videoseq.bench;

import java.util.Arrays;

/**
 * Median wall time of a repeated step, as {@code bench_torch.py} reports it: {@code warmup} untimed runs, then
 * {@code steps} timed ones; the median is the upper median ({@code sorted[n / 2]}) like the script's.
 *
 * @param secondsPerBatch median seconds of one step
 * @param allSeconds      every timed step, in run order
 */
public record StepTiming(double secondsPerBatch, double[] allSeconds) {

    public static StepTiming measure(Runnable step, int warmup, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("bench --steps = " + steps + " is invalid: allowed range [1, "
                    + Integer.MAX_VALUE + "]");
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("bench --warmup = " + warmup + " is invalid: allowed range [0, "
                    + Integer.MAX_VALUE + "]");
        }
        for (int i = 0; i < warmup; i++) {
            step.run();
        }
        double[] times = new double[steps];
        for (int i = 0; i < steps; i++) {
            long t0 = System.nanoTime();
            step.run();
            times[i] = (System.nanoTime() - t0) / 1e9;
        }
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        return new StepTiming(sorted[steps / 2], times);
    }

    /** Sequences per second for a batch of {@code batch} sequences. */
    public double sequencesPerSecond(int batch) {
        return batch / secondsPerBatch;
    }
}
