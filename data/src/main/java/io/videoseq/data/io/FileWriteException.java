package io.videoseq.data.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A file could not be written: the disk is full, the folder is read-only, a permission is missing. The message is
 * one line naming the target path and the operating system's reason (e.g. {@code No space left on device}), the
 * deepest cause's message, because libraries such as ImageIO wrap it in a message of their own ("I/O error writing
 * PNG file!") that names neither. The user can fix it, so the command line exits with 2.
 */
public final class FileWriteException extends UncheckedIOException {

    private final transient Path target;

    public FileWriteException(Path target, Throwable cause) {
        super("cannot write " + target.toAbsolutePath() + ": " + reason(cause), asIo(cause));
        this.target = target;
    }

    /** The file that could not be written. */
    public Path target() {
        return target;
    }

    /** The most specific reason in the cause chain (the OS error text where there is one). */
    static String reason(Throwable error) {
        String best = null;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t instanceof java.nio.file.FileSystemException fse && fse.getReason() != null
                    ? fse.getReason() + " (" + fse.getFile() + ")"
                    : t.getMessage();
            if (m != null && !m.isBlank()) {
                best = m;
            }
        }
        String text = best != null ? best : error.getClass().getSimpleName();
        return text.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    private static IOException asIo(Throwable cause) {
        return cause instanceof IOException io ? io : new IOException(cause);
    }
}
