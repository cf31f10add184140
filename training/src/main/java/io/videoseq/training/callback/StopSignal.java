package io.videoseq.training.callback;

/**
 * A callback's answer after an epoch: continue, or stop with a reason. Callbacks only signal; the loop decides.
 *
 * @param stop   whether training should end after this epoch
 * @param reason why (null when continuing)
 */
public record StopSignal(boolean stop, String reason) {

    public static final StopSignal CONTINUE = new StopSignal(false, null);

    public StopSignal {
        if (stop && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("a stop signal needs a reason");
        }
    }

    public static StopSignal stop(String reason) {
        return new StopSignal(true, reason);
    }
}
