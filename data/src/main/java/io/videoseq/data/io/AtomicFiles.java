package io.videoseq.data.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The one way videoseq writes a file: a reader (or a crash, or {@code kill -9}) only ever sees the old file or the
 * complete new one. The content goes to a hidden temporary sibling, is forced to disk, renamed over the target, and
 * the directory entry is forced too. A failure removes the temporary file and throws {@link FileWriteException}
 * naming the target and the OS reason; the old target is untouched.
 *
 * <p>Files get the mode a plain {@code Files.write} would get under the user's umask (never
 * {@code Files.createTempFile}'s owner-only mode). Temporary names are {@code .videoseq-tmp.<pid>.<n>.<name>}: the
 * writer's PID lets {@link #removeStale} delete what a killed process left without touching a live writer's file,
 * and on a normal JVM shutdown (Ctrl-C, SIGTERM) a hook deletes the temporaries still being written.
 */
public final class AtomicFiles {

    /** Prefix of every temporary sibling. */
    public static final String TEMP_PREFIX = ".videoseq-tmp.";

    private static final long PID = ProcessHandle.current().pid();
    private static final AtomicLong COUNTER = new AtomicLong();
    private static final Set<Path> IN_FLIGHT = ConcurrentHashMap.newKeySet();
    private static volatile boolean shuttingDown;
    /** How long the shutdown hook keeps deleting the temporaries of writes still under way. */
    private static final long SHUTDOWN_GRACE_NANOS = 3_000_000_000L;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(AtomicFiles::abandonInFlight, "videoseq-temp-cleanup"));
    }

    /** Fills a temporary file given by path (for writers that open the file themselves, e.g. HDF5). */
    @FunctionalInterface
    public interface PathWriter {
        void writeTo(Path temporary) throws IOException;
    }

    /** Writes the content to a stream; closing it is allowed and harmless. */
    @FunctionalInterface
    public interface StreamWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Writes {@code text} as UTF-8 to {@code target} atomically. */
    public static void writeString(Path target, String text) {
        writeStream(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Lets {@code writer} fill a temporary sibling of {@code target} by path, then moves it into place. */
    public static void write(Path target, PathWriter writer) {
        Path tmp = begin(target);
        try {
            writer.writeTo(tmp);
            force(tmp);
            moveIntoPlace(tmp, target);
        } catch (IOException | RuntimeException e) {
            throw fail(target, tmp, e);
        } finally {
            IN_FLIGHT.remove(tmp);
        }
    }

    /** Lets {@code writer} stream the content into a temporary sibling of {@code target}, then moves it into place. */
    public static void writeStream(Path target, StreamWriter writer) {
        Path tmp = begin(target);
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
                OutputStream out = Channels.newOutputStream(channel);
                writer.writeTo(new CloseShield(out));
                out.flush();
                channel.force(true);
            }
            moveIntoPlace(tmp, target);
        } catch (IOException | RuntimeException e) {
            throw fail(target, tmp, e);
        } finally {
            IN_FLIGHT.remove(tmp);
        }
    }

    /**
     * Reserves a fresh temporary sibling name for {@code target} (the file is not created) and creates the parent
     * folder. Callers that assemble a file in several steps use it with {@link #force} and {@link #moveIntoPlace}
     * and must {@link #release} it in a {@code finally}.
     */
    public static Path begin(Path target) {
        if (shuttingDown) {
            throw new FileWriteException(target, new IOException("the JVM is shutting down"));
        }
        Path dir = parentOf(target);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new FileWriteException(target, e);
        }
        Path tmp = dir.resolve(TEMP_PREFIX + PID + "." + COUNTER.incrementAndGet() + "." + target.getFileName());
        IN_FLIGHT.add(tmp);
        return tmp;
    }

    /** Deletes a temporary file reserved with {@link #begin} if it still exists and forgets it. */
    public static void release(Path temporary) {
        IN_FLIGHT.remove(temporary);
        deleteQuietly(temporary);
    }

    /** Forces a file's content to the storage device. */
    public static void force(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /** Renames {@code tmp} over {@code target} atomically (replacing it) and forces the directory entry. */
    public static void moveIntoPlace(Path tmp, Path target) throws IOException {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(parentOf(target));
    }

    /**
     * Deletes the temporary files in {@code dir} that a process no longer running left behind (a kill during a
     * write); a live process's temporaries are kept. Returns how many were deleted. A missing folder has none.
     */
    public static int removeStale(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                long pid = writerPid(f.getFileName().toString());
                if (pid > 0 && (pid == PID ? !IN_FLIGHT.contains(f) : ProcessHandle.of(pid).isEmpty())) {
                    Files.deleteIfExists(f);
                    removed++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean temporary files in " + dir.toAbsolutePath() + ": "
                    + FileWriteException.reason(e), e);
        }
        return removed;
    }

    /** The PID in a temporary file's name, or -1 when {@code name} is not one of ours. */
    static long writerPid(String name) {
        if (!name.startsWith(TEMP_PREFIX)) {
            return -1;
        }
        String rest = name.substring(TEMP_PREFIX.length());
        int dot = rest.indexOf('.');
        try {
            return dot > 0 ? Long.parseLong(rest.substring(0, dot)) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The shutdown hook: no new write may start, and the temporaries of the writes under way are deleted until
     * those writes have ended (their rename then fails) or a short grace period has passed. One pass would not do:
     * a writer that reserved its name just before the hook ran may create the file just after the pass, and the
     * JVM halts without waiting for it.
     */
    private static void abandonInFlight() {
        shuttingDown = true;
        long deadline = System.nanoTime() + SHUTDOWN_GRACE_NANOS;
        while (true) {
            for (Path tmp : IN_FLIGHT) {
                deleteQuietly(tmp);
            }
            if (IN_FLIGHT.isEmpty() || System.nanoTime() > deadline) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static FileWriteException fail(Path target, Path tmp, Exception e) {
        deleteQuietly(tmp);
        return e instanceof FileWriteException fwe ? fwe : new FileWriteException(target, e);
    }

    private static void forceDirectory(Path dir) {
        // Directory fsync makes the rename itself durable; not every platform allows opening a directory.
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // The rename is still atomic; only its durability across a power loss is weaker on such systems.
        }
    }

    private static Path parentOf(Path target) {
        Path parent = target.toAbsolutePath().getParent();
        if (parent == null) {
            throw new IllegalArgumentException("target has no parent directory: " + target);
        }
        return parent;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // The original failure is what the caller must see.
        }
    }

    /** Writers such as DL4J's ModelSerializer close the stream they get; the channel must stay open to fsync. */
    private static final class CloseShield extends FilterOutputStream {
        CloseShield(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
