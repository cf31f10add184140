package io.videoseq.monitor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends samples to a {@link ResourceLog}: each line is handed to the OS in one {@code write} call and
 * forced to disk ({@link FileChannel#force}) before {@link #append} returns, so a SIGKILL or power loss
 * after it returns cannot lose the sample, and one during it leaves at most a torn last line.
 *
 * <p>Opening an existing log whose last line is torn repairs it first (a parsable tail gets its newline,
 * an unparsable one is cut off), so new lines never glue onto a fragment.
 */
final class ResourceLogWriter implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(ResourceLogWriter.class);

    private final Path path;
    private final FileChannel channel;

    private ResourceLogWriter(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    static ResourceLogWriter open(Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        boolean created = !Files.exists(path);
        if (!created) {
            repairTornTail(path);
        }
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        if (created) {
            channel.force(true);
            forceDirectory(parent);
        }
        return new ResourceLogWriter(path, channel);
    }

    Path path() {
        return path;
    }

    synchronized void append(ResourceSample sample) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(ResourceLog.toLine(sample));
        try {
            // a regular-file write is not split by the kernel in practice; the loop covers short writes anyway
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new IOException(path + ": cannot append resource sample: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }

    private static void repairTornTail(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            if (size == 0) {
                return;
            }
            long lineStart = lastLineStart(ch, size);
            if (lineStart == size) {
                return;
            }
            ByteBuffer tail = ByteBuffer.allocate((int) (size - lineStart));
            ch.read(tail, lineStart);
            String text = new String(tail.array(), StandardCharsets.UTF_8);
            try {
                ResourceLog.parseLine(path, -1, text);
                ch.write(ByteBuffer.wrap(new byte[]{'\n'}), size);
            } catch (ResourceLogException e) {
                LOG.warn("{}: cutting off an incomplete last line ({} bytes without a newline, left by an"
                        + " interrupted write) before appending", path, size - lineStart);
                ch.truncate(lineStart);
            }
            ch.force(true);
        }
    }

    /** Offset just after the last {@code '\n'} (0 if none); equals {@code size} when the file ends cleanly. */
    private static long lastLineStart(FileChannel ch, long size) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        for (long pos = size - 1; pos >= 0; pos--) {
            one.clear();
            ch.read(one, pos);
            if (one.get(0) == '\n') {
                return pos + 1;
            }
        }
        return 0;
    }

    private static void forceDirectory(Path dir) {
        // makes the new file's directory entry durable; not possible on every OS, and only matters on power loss
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            LOG.debug("{}: directory fsync not supported: {}", dir, e.toString());
        }
    }
}
