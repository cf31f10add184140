package io.videoseq.model.io;

import io.videoseq.model.io.ModelFileException.Reason;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;

/**
 * One zip entry's bytes, held to what the central directory declares: reading stops with a
 * {@link ModelFileException} as soon as the real bytes exceed the declared size (so a small declared size over a
 * huge deflated stream, a zip bomb, costs one buffer, never its real size), and at the end the byte count and the
 * CRC32 must equal the declared ones ({@link java.util.zip.ZipFile}'s entry streams check neither, stored or
 * deflated: measured on JDK 17).
 *
 * <p>Failures of the underlying stream (damaged compressed data, a bad local header) become
 * {@link ModelFileException}s naming the entry.
 */
final class VerifiedEntryStream extends InputStream {
    private final InputStream in;
    private final Path file;
    private final ZipEntry entry;
    private final long declaredSize;
    private final CRC32 crc = new CRC32();
    private long count;
    private boolean verified;

    VerifiedEntryStream(InputStream in, Path file, ZipEntry entry) {
        this.in = in;
        this.file = file;
        this.entry = entry;
        this.declaredSize = entry.getSize();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (verified) {
            return -1;
        }
        // Ask for at most one byte beyond the declared size: enough to see that there are more.
        int want = (int) Math.min(len, declaredSize - count + 1);
        int n;
        try {
            n = in.read(b, off, want);
        } catch (IOException e) {
            throw new ModelFileException(file, entry.getName(), Reason.CORRUPT, "intact compressed data",
                    "a read failure: " + ModelFileException.firstLine(e), e);
        }
        if (n < 0) {
            verifyEnd();
            return -1;
        }
        count += n;
        if (count > declaredSize) {
            throw new ModelFileException(file, entry.getName(), Reason.TOO_LARGE, declaredSize
                    + " bytes (as the central directory declares)", "more bytes (a zip bomb or a corrupt entry)");
        }
        crc.update(b, off, n);
        return n;
    }

    /** Reads to the end, which must come now: the caller has consumed everything the entry should hold. */
    void requireEnd(String what) throws IOException {
        if (read() >= 0) {
            throw new ModelFileException(file, entry.getName(), Reason.INVALID_CONTENT,
                    "the entry to end after " + what, "more bytes after it");
        }
    }

    private void verifyEnd() {
        if (count != declaredSize) {
            throw new ModelFileException(file, entry.getName(), Reason.CORRUPT, declaredSize
                    + " bytes (as the central directory declares)", "only " + count);
        }
        if (crc.getValue() != entry.getCrc()) {
            throw new ModelFileException(file, entry.getName(), Reason.CORRUPT,
                    String.format("CRC32 %08x (as the central directory declares)", entry.getCrc()),
                    String.format("%08x (the bytes are damaged)", crc.getValue()));
        }
        verified = true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
