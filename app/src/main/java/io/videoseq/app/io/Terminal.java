package io.videoseq.app.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Whether standard output or standard error of this process is a terminal, each on its own: the progress bar
 * draws on stderr and colour goes to stdout, and either may be redirected while the other is not
 * ({@code videoseq train 2> log}).
 *
 * <p>On Linux the answer is exact, as {@code isatty(fd)} would give it: {@code /proc/self/fd/<fd>} links to
 * {@code /dev/pts/N}, {@code /dev/ttyX} or {@code /dev/console} for a terminal, and to {@code pipe:[..]},
 * {@code socket:[..]}, {@code /dev/null} or a file otherwise. Where that link cannot be read (no {@code /proc}:
 * macOS, Windows) the answer is {@code System.console() != null}, which in Java 17 means that stdin and stdout
 * are both terminals — the best pure Java knows.
 */
public final class Terminal {
    /** File descriptor of standard output. */
    public static final int STDOUT = 1;
    /** File descriptor of standard error. */
    public static final int STDERR = 2;

    private Terminal() {
    }

    /** Reads where a file descriptor of this process points, if the platform says. */
    @FunctionalInterface
    interface FdLinks {
        /** The target of {@code fd}'s link, e.g. {@code /dev/pts/0} or {@code pipe:[1234]}; empty if unknown. */
        Optional<String> target(int fd);
    }

    public static boolean stdout() {
        return isTerminal(STDOUT, Terminal::procLink, () -> System.console() != null);
    }

    public static boolean stderr() {
        return isTerminal(STDERR, Terminal::procLink, () -> System.console() != null);
    }

    /** The decision: by the link of {@code fd} when known, else by {@code fallback}. */
    static boolean isTerminal(int fd, FdLinks links, BooleanSupplier fallback) {
        Optional<String> target = links.target(fd);
        if (target.isEmpty()) {
            return fallback.getAsBoolean();
        }
        String t = target.get();
        return t.startsWith("/dev/pts/") || t.startsWith("/dev/tty") || t.equals("/dev/console");
    }

    private static Optional<String> procLink(int fd) {
        try {
            return Optional.of(Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString());
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // Not Linux, or /proc is not mounted: the caller falls back to System.console().
            return Optional.empty();
        }
    }
}
