package io.videoseq.training.run;

/**
 * Test hook for crash tests: when the system property {@value #PROPERTY} equals a point's name, the run prints
 * {@value #MARKER} and the name on standard output at that point and waits to be killed. Points:
 * {@code startup} (lock held, data open, nothing written yet) and {@code final-evaluation} (training ended,
 * results not yet written). Unset, it does nothing.
 */
final class RunPause {

    static final String PROPERTY = "videoseq.test.pauseAt";
    static final String MARKER = "VIDEOSEQ-RUN-PAUSED";

    private RunPause() {
    }

    static void at(String point) {
        if (!point.equals(System.getProperty(PROPERTY))) {
            return;
        }
        System.out.println(MARKER + " " + point);
        System.out.flush();
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("run paused at " + point + " was interrupted", e);
        }
    }
}
