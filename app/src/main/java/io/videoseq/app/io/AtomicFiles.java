package io.videoseq.app.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes a file so that readers see either the old content or the complete new content: a temporary sibling
 * is written, forced to disk, then moved over the target. A failed write deletes the temporary file and
 * throws an exception naming the target.
 */
public final class AtomicFiles {
    /** Produces the file's bytes. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    public static void write(Path target, Writer writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        // Not Files.createTempFile: its owner-only permissions would carry over to the final file.
        Path tmp = dir.resolve("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE,
                    StandardOpenOption.CREATE_NEW)) {
                OutputStream out = Channels.newOutputStream(channel);
                writer.writeTo(new CloseShield(out));
                out.flush();
                channel.force(true);
            }
            move(tmp, absolute);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            if (e instanceof IOException io) {
                throw new IOException("cannot write " + target + ": " + io.getMessage(), io);
            }
            throw e;
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

    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Moves an already complete file (e.g. one written by a library) into place atomically. */
    public static void move(Path completeFile, Path target) throws IOException {
        try {
            Files.move(completeFile, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(completeFile, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
