package io.videoseq.training.checkpoint;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The crash tests' {@link CrashPoint} (registered in this test classpath's {@code META-INF/services}), which lets
 * them SIGKILL a real training process at a chosen instant. Unset, it does nothing. At a hook that is asked for, the process prints a marker line on standard output and waits to be
 * killed:
 * <ul>
 *   <li>{@value #WRITE_PROPERTY}{@code =NAME} or {@code NAME:K}: inside the (K-th) write of checkpoint file
 *       {@code NAME}, its temporary file complete and on disk, the rename not yet done; prints
 *       {@value #WRITE_MARKER} and the temporary path;</li>
 *   <li>{@value #POINT_PROPERTY}{@code =startup} (lock held, data open, nothing written) or {@code final-evaluation}
 *       (training ended, results not written); prints {@value #POINT_MARKER} and the point.</li>
 * </ul>
 */
public final class CrashTestPause implements CrashPoint {

    static final String WRITE_PROPERTY = "videoseq.test.pauseBeforeMove";
    static final String WRITE_MARKER = "VIDEOSEQ-CHECKPOINT-PAUSED";
    static final String POINT_PROPERTY = "videoseq.test.pauseAt";
    static final String POINT_MARKER = "VIDEOSEQ-RUN-PAUSED";

    private static final AtomicInteger WRITES = new AtomicInteger();

    /** Inside the write of {@code target}, before {@code temporary} is renamed over it. */
    @Override
    public void beforeMove(Path target, Path temporary) {
        String value = System.getProperty(WRITE_PROPERTY);
        if (value == null) {
            return;
        }
        int colon = value.lastIndexOf(':');
        String name = colon < 0 ? value : value.substring(0, colon);
        int occurrence = colon < 0 ? 1 : Integer.parseInt(value.substring(colon + 1));
        if (name.equals(target.getFileName().toString()) && WRITES.incrementAndGet() == occurrence) {
            hold(WRITE_MARKER + " " + temporary);
        }
    }

    /** At a named instant of a run ({@code startup}, {@code final-evaluation}). */
    @Override
    public void reached(String point) {
        if (point.equals(System.getProperty(POINT_PROPERTY))) {
            hold(POINT_MARKER + " " + point);
        }
    }

    private static void hold(String line) {
        System.out.println(line);
        System.out.flush();
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("crash-test pause interrupted: " + line, e);
        }
    }
}
