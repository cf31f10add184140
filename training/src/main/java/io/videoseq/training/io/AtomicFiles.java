package io.videoseq.training.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so that a reader (or a crash) only ever sees the old file or the complete new one: the content
 * goes to a hidden temporary sibling, is forced to disk, then renamed over the target, and the directory entry
 * is forced too. A failure removes the temporary file and reports the target path.
 */
public final class AtomicFiles {

    /** Prefix of every temporary sibling, so stale ones left by a killed process can be recognised. */
    public static final String TEMP_PREFIX = ".tmp-";

    /** Writes the content of a temporary file; gets the temporary path, never the target. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path temporary) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Writes {@code text} as UTF-8 to {@code target} atomically. */
    public static void writeString(Path target, String text) {
        write(target, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }

    /**
     * Lets {@code writer} fill a temporary sibling of {@code target}, forces it to disk and moves it into place.
     *
     * @throws UncheckedIOException naming {@code target} when any step fails; the old target is untouched then
     */
    public static void write(Path target, Writer writer) {
        Path tmp = temporarySibling(target);
        try {
            Path dir = parentOf(target);
            Files.createDirectories(dir);
            writer.writeTo(tmp);
            force(tmp);
            moveIntoPlace(tmp, target);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException(new IOException(
                    "cannot write " + target.toAbsolutePath() + ": " + e.getMessage(), e));
        }
    }

    /** A fresh temporary sibling name for {@code target} (not created). */
    public static Path temporarySibling(Path target) {
        String name = TEMP_PREFIX + target.getFileName() + "-" + ProcessHandle.current().pid() + "-"
                + System.nanoTime();
        return parentOf(target).resolve(name);
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
}
