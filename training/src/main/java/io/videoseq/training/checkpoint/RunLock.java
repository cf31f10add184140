package io.videoseq.training.checkpoint;

import io.videoseq.data.io.FileWriteException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One run per (checkpoint folder, model name) at a time: an OS file lock on {@code .{name}.lock} in the checkpoint
 * folder, held for the whole run including the final evaluation. Two runs into the same folder and name would
 * otherwise both succeed and leave a mix of their files, and {@code --force} would delete a running run's
 * checkpoints. The lock dies with its process, so one left by {@code kill -9} never blocks; the file itself stays
 * (deleting it would let a third process lock a fresh file while a second still holds the old one) and holds the
 * holder's PID for the refusal message.
 */
public final class RunLock implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of {@code name} in {@code directory}. */
    public static Path lockFile(Path directory, String name) {
        return directory.resolve("." + CheckpointStore.requireValidName(name) + ".lock");
    }

    /**
     * Takes the lock or refuses at once.
     *
     * @throws RunLockedException when another run (in this or another process) holds it
     * @throws FileWriteException when the folder or lock file cannot be created (no permission, disk full)
     */
    public static RunLock acquire(Path directory, String name) {
        Path file = lockFile(directory, name);
        FileChannel channel = null;
        try {
            Files.createDirectories(directory);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = holder(channel);
                channel.close();
                throw new RunLockedException(file, name, holder);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
                    0);
            channel.force(true);
            return new RunLock(file, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new FileWriteException(file, e);
        }
    }

    /** The lock file. */
    public Path file() {
        return file;
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // Closing the channel below releases it as well.
        }
        closeQuietly(channel);
    }

    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(32);
        channel.read(buf, 0);
        String pid = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).trim();
        return pid.isEmpty() ? "unknown" : pid;
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing to add to the error being reported.
        }
    }
}
