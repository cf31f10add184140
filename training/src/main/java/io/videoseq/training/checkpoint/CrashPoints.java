package io.videoseq.training.checkpoint;

import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

/** Tells the registered {@link CrashPoint}s (none outside the crash tests) where a run is. */
public final class CrashPoints {
    private static final List<CrashPoint> REGISTERED = ServiceLoader.load(CrashPoint.class,
            CrashPoint.class.getClassLoader()).stream().map(ServiceLoader.Provider::get).toList();

    private CrashPoints() {
    }

    /** At a named instant of a run ({@code startup}, {@code final-evaluation}). */
    public static void at(String point) {
        for (CrashPoint p : REGISTERED) {
            p.reached(point);
        }
    }

    static void beforeMove(Path target, Path temporary) {
        for (CrashPoint p : REGISTERED) {
            p.beforeMove(target, temporary);
        }
    }
}
