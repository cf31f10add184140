package io.videoseq.spark;

import java.io.Serializable;

/**
 * How one model is trained data-parallel on Spark. The recipe itself (sampler, augmentation, loss, AdamW, schedule,
 * clipping, early stopping, checkpoints) is the {@code TrainConfig}'s, unchanged.
 *
 * @param mode               parameter averaging (DL4J's {@code ParameterAveragingTrainingMaster}, the default) or
 *                           gradient sharing ({@code SharedTrainingMaster}, threshold-encoded updates over Aeron)
 * @param workers            Spark partitions trained at once (executors x cores per executor); &gt;= 1
 * @param averagingFrequency minibatches each worker fits between two parameter averagings; &gt;= 1 (parameter
 *                           averaging only)
 * @param controllerAddress  gradient sharing: the driver's address the workers' Aeron clients reach; null lets DL4J
 *                           pick one (fine for {@code local[*]})
 * @param port               gradient sharing: the UDP port of the driver's parameter server (workers use port+1..)
 * @param networkMask        gradient sharing: the network (CIDR, e.g. {@code 10.1.0.0/16}) whose interface the
 *                           workers announce themselves on; null for DL4J's default
 */
public record SparkTrainingOptions(Mode mode, int workers, int averagingFrequency, String controllerAddress,
                                   int port, String networkMask) implements Serializable {

    /** Which DL4J training master. */
    public enum Mode { PARAMETER_AVERAGING, GRADIENT_SHARING }

    public SparkTrainingOptions {
        if (mode == null) {
            throw new IllegalArgumentException("spark mode = null: expected PARAMETER_AVERAGING or GRADIENT_SHARING");
        }
        if (workers < 1) {
            throw new IllegalArgumentException("spark workers = " + workers + ": expected >= 1");
        }
        if (averagingFrequency < 1) {
            throw new IllegalArgumentException("spark averaging_frequency = " + averagingFrequency
                    + ": expected >= 1");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("spark port = " + port + ": expected 1..65535");
        }
    }

    /** Parameter averaging over {@code workers}, averaging after every {@code averagingFrequency} minibatches. */
    public static SparkTrainingOptions averaging(int workers, int averagingFrequency) {
        return new SparkTrainingOptions(Mode.PARAMETER_AVERAGING, workers, averagingFrequency, null, 40123, null);
    }

    /** Gradient sharing over {@code workers}; controller and network chosen by DL4J. */
    public static SparkTrainingOptions gradientSharing(int workers) {
        return new SparkTrainingOptions(Mode.GRADIENT_SHARING, workers, 1, null, 40123, null);
    }

    /**
     * Optimizer steps one worker takes in an epoch of {@code batches} minibatches — what the cosine schedule and the
     * checkpoints count as iterations. Parameter averaging deals each round of {@code workers x averagingFrequency}
     * batches round-robin, so a round takes {@code ceil(batchesInRound / workers)} steps; gradient sharing deals the
     * whole epoch at once.
     */
    public int iterationsPerEpoch(int batches) {
        int perRound = batchesPerCall(batches);
        int steps = 0;
        for (int start = 0; start < batches; start += perRound) {
            int n = Math.min(perRound, batches - start);
            steps += (n + workers - 1) / workers;
        }
        return steps;
    }

    /** Batches one {@code fitPaths} call deals out: a round of parameter averaging, or the epoch. */
    int batchesPerCall(int batches) {
        return mode == Mode.GRADIENT_SHARING ? Math.max(1, batches) : workers * averagingFrequency;
    }

    /**
     * The iteration (0-based optimizer step of the run, as one worker counts them) at which batch {@code batch} of
     * 0-based {@code epoch} is fitted: earlier rounds are full, and within a round batch {@code j} is the
     * {@code j / workers}-th of its worker.
     */
    int iterationOf(int epoch, int batch, int batches) {
        int perCall = batchesPerCall(batches);
        return epoch * iterationsPerEpoch(batches) + (batch / perCall) * (perCall / workers)
                + (batch % perCall) / workers;
    }
}
