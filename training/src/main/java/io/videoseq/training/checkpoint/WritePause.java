package io.videoseq.training.checkpoint;

import java.nio.file.Path;

/**
 * Test hook for crash tests: when the system property {@value #PROPERTY} names a checkpoint file ({@code NAME}, or
 * {@code NAME:K} for its K-th write in this process), the writer of that file stops after its temporary file is
 * complete and on disk but before the rename, prints {@value #MARKER} and the temporary path on standard output,
 * and waits to be killed. Unset, it does nothing.
 */
final class WritePause {

    static final String PROPERTY = "videoseq.test.pauseBeforeMove";
    static final String MARKER = "VIDEOSEQ-CHECKPOINT-PAUSED";

    private WritePause() {
    }

    private static final java.util.concurrent.atomic.AtomicInteger WRITES = new java.util.concurrent.atomic.AtomicInteger();

    static void maybePause(Path target, Path temporary) {
        String value = System.getProperty(PROPERTY);
        if (value == null) {
            return;
        }
        int colon = value.lastIndexOf(':');
        String name = colon < 0 ? value : value.substring(0, colon);
        int occurrence = colon < 0 ? 1 : Integer.parseInt(value.substring(colon + 1));
        if (!name.equals(target.getFileName().toString()) || WRITES.incrementAndGet() != occurrence) {
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
