package io.videoseq.training.checkpoint;

import java.nio.file.Path;

/**
 * Told when a run reaches an instant where being killed must still leave something a resume can use: the
 * crash tests register one ({@link java.util.ServiceLoader}, {@code META-INF/services/io.videoseq.training.checkpoint.CrashPoint}
 * in their test classpath) that holds the JVM there so the test can kill it with SIGKILL. videoseq's jars register
 * none, so in production {@link CrashPoints} does nothing.
 */
public interface CrashPoint {

    /** A named instant of a run: {@code startup} (lock held, data open, nothing written), {@code final-evaluation}. */
    default void reached(String point) {
    }

    /** Inside the atomic write of {@code target}: {@code temporary} complete and on disk, not yet renamed over it. */
    default void beforeMove(Path target, Path temporary) {
    }
}
