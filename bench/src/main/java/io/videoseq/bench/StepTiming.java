package io.videoseq.bench;

import java.util.Arrays;

/**
 * Median wall time of a repeated step, as {@code bench_torch.py} reports it: untimed runs until there were
 * {@code warmup} of them and {@code warmupSeconds} have passed, then {@code steps} timed ones; the median is the upper
 * median ({@code sorted[n / 2]}) like the script's.
 *
 * @param secondsPerBatch median seconds of one step
 * @param allSeconds      every timed step, in run order
 */
public record StepTiming(double secondsPerBatch, double[] allSeconds) {

    public static StepTiming measure(Runnable step, int warmup, int steps) {
        return measure(step, warmup, 0, steps);
    }

    /**
     * As above, warming up for at least {@code warmupSeconds} too: a JVM compiles its hot code for some seconds (on two
     * cores that compiler takes a core from the step's OpenMP threads), which a count of steps does not bound.
     */
    public static StepTiming measure(Runnable step, int warmup, double warmupSeconds, int steps) {
        if (!(warmupSeconds >= 0)) {
            throw new IllegalArgumentException("bench --warmup-seconds = " + warmupSeconds
                    + " is invalid: allowed >= 0");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("bench --steps = " + steps + " is invalid: allowed range [1, "
                    + Integer.MAX_VALUE + "]");
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("bench --warmup = " + warmup + " is invalid: allowed range [0, "
                    + Integer.MAX_VALUE + "]");
        }
        long start = System.nanoTime();
        for (int i = 0; i < warmup || (System.nanoTime() - start) / 1e9 < warmupSeconds; i++) {
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
