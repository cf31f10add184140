package io.videoseq.spark;

import io.videoseq.data.Seeds;

import java.util.ArrayDeque;

/**
 * What a worker must set before fitting each batch, from loader to fit on one worker thread. DL4J's worker loads a
 * batch one step ahead of fitting it (its iterator looks ahead) but loads and fits in order on one thread
 * (prefetch 0), so a per-thread queue pairs each batch with its step: the loader queues, {@link WorkerStepHook}
 * takes just before the fit.
 */
final class WorkerSteps {
    private static final ThreadLocal<ArrayDeque<Step>> QUEUE = ThreadLocal.withInitial(ArrayDeque::new);

    /**
     * @param iteration   the DL4J iteration this batch's update is (what the schedule and AdamW's bias correction
     *                    read); DL4J's parameter-averaging worker starts every round at 0 otherwise
     * @param epoch       the 0-based epoch
     * @param dropoutSeed ND4J's generator seed for this batch: a function of (run seed, epoch, batch), so a batch
     *                    gets the same dropout masks whichever worker fits it
     */
    record Step(int iteration, int epoch, long dropoutSeed) {
    }

    private WorkerSteps() {
    }

    static void queue(Step step) {
        QUEUE.get().addLast(step);
    }

    /** The step of the next batch to be fitted on this thread, or null when none was queued. */
    static Step next() {
        return QUEUE.get().pollFirst();
    }

    /** Purpose tag of the dropout seeds, so they differ from the sampler's and augmentation's of the same step. */
    private static final long DROPOUT = 0x44524F504F555421L;

    /** The dropout seed of (seed, epoch, batch), derived as the data module derives its seeds. */
    static long dropoutSeed(long seed, int epoch, int batch) {
        return Seeds.mix(seed, epoch, batch, DROPOUT);
    }
}
