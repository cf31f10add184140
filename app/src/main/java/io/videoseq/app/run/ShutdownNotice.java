package io.videoseq.app.run;

import java.io.PrintWriter;
import java.util.function.Supplier;

/**
 * One line on the command's error stream when the JVM shuts down on Ctrl-C or SIGTERM while the work it guards is
 * running, e.g. what an interrupted {@code extract} kept and the command that continues it. The JVM's own signal
 * handling gives the exit code (130 / 143); this only reports. Closing it (the work returned or failed) removes it.
 */
public final class ShutdownNotice implements AutoCloseable {
    private final Thread hook;
    private volatile boolean closed;

    private ShutdownNotice(PrintWriter err, Supplier<String> line) {
        this.hook = new Thread(() -> {
            if (!closed) {
                err.println(line.get());
                err.flush();
            }
        }, "videoseq-shutdown-notice");
    }

    /** Registers {@code line} (computed when the shutdown comes) until {@link #close()}. */
    public static ShutdownNotice install(PrintWriter err, Supplier<String> line) {
        ShutdownNotice n = new ShutdownNotice(err, line);
        Runtime.getRuntime().addShutdownHook(n.hook);
        return n;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already exiting; the hook sees closed and stays silent.
        }
    }
}
