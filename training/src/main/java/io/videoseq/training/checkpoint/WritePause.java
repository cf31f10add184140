package io.videoseq.training.checkpoint;

import java.nio.file.Path;

/**
 * Test hook for crash tests: when the system property {@value #PROPERTY} names a checkpoint file, the writer of
 * that file stops after its temporary file is complete and on disk but before the rename, prints
 * {@value #MARKER} and the temporary path on standard output, and waits to be killed. Unset, it does nothing.
 */
final class WritePause {

    static final String PROPERTY = "videoseq.test.pauseBeforeMove";
    static final String MARKER = "VIDEOSEQ-CHECKPOINT-PAUSED";

    private WritePause() {
    }

    static void maybePause(Path target, Path temporary) {
        String name = System.getProperty(PROPERTY);
        if (name == null || !name.equals(target.getFileName().toString())) {
            return;
        }
        System.out.println(MARKER + " " + temporary);
        System.out.flush();
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("checkpoint write of " + target + " interrupted while paused", e);
        }
    }
}
