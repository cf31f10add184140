package io.videoseq.model.io;

import io.videoseq.model.io.ModelFileException.Reason;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.zip.ZipEntry;

/**
 * Reads a parameter or updater-state array the way DL4J's loader does ({@code Nd4j.read}), but only after its
 * header ({@link ArrayHeader}) declares exactly the values the configuration implies and the entry's declared
 * size is exactly that header plus those values; the bytes come through a {@link VerifiedEntryStream}, so the
 * read ends at the declared size and the CRC is checked.
 */
final class ArrayEntry {
    /** Far more than a header takes (113 bytes for a vector); the header is re-read from this mark. */
    private static final int HEADER_MARK = 8192;
    private static final int BUFFER = 1 << 16;

    private ArrayEntry() {
    }

    /**
     * @param expectedLength the number of values the graph needs
     * @param source         where {@code expectedLength} comes from, for messages
     */
    static INDArray read(CheckedZip zip, ZipEntry e, long expectedLength, DataType type, String source) {
        String name = e.getName();
        try (VerifiedEntryStream raw = zip.open(e);
             BufferedInputStream in = new BufferedInputStream(raw, BUFFER)) {
            in.mark(HEADER_MARK);
            ArrayHeader header = ArrayHeader.read(new DataInputStream(in), zip.file(), name);
            header.require(zip.file(), name, expectedLength, type, source);
            if (e.getSize() != header.entryBytes()) {
                throw new ModelFileException(zip.file(), name, Reason.INVALID_CONTENT, header.entryBytes()
                        + " bytes (its header and " + expectedLength + " values)", e.getSize()
                        + " bytes declared in the central directory");
            }
            in.reset();
            INDArray array = nd4jRead(zip, name, new DataInputStream(in));
            if (in.read() >= 0) {
                throw new ModelFileException(zip.file(), name, Reason.INVALID_CONTENT, "the entry to end after "
                        + expectedLength + " values", "more bytes");
            }
            raw.requireEnd(expectedLength + " values");
            if (array.length() != expectedLength || array.dataType() != type) {
                throw new ModelFileException(zip.file(), name, Reason.INVALID_CONTENT, expectedLength + " " + type
                        + " values", array.length() + " " + array.dataType() + " values read by ND4J");
            }
            return array;
        } catch (IOException x) {
            throw new ModelFileException(zip.file(), name, Reason.UNREADABLE, "a readable entry",
                    ModelFileException.firstLine(x), x);
        }
    }

    /** {@code Nd4j.read}, whose wrapping of stream failures in RuntimeExceptions is undone. */
    private static INDArray nd4jRead(CheckedZip zip, String name, DataInputStream in) {
        try {
            return Nd4j.read(in);
        } catch (RuntimeException x) {
            for (Throwable t = x; t != null; t = t.getCause()) {
                if (t instanceof ModelFileException m) {
                    throw m;
                }
            }
            throw new ModelFileException(zip.file(), name, Reason.CORRUPT, "an array ND4J can read",
                    ModelFileException.firstLine(x), x);
        }
    }
}
