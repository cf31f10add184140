package io.videoseq.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Byte surgery on an HDF5 file the project wrote, to make the corruptions real files suffer. Offsets are found by
 * searching the bytes (signatures, names, contents) and reading the HDF5 format's own headers, never hard-coded,
 * and every patch first checks the bytes it replaces, so a change of HDF5 version fails here, not silently.
 */
final class FileBytes {
    private final Path file;
    private final byte[] bytes;

    private FileBytes(Path file) {
        this.file = file;
        try {
            this.bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FileBytes of(Path file) {
        return new FileBytes(file);
    }

    /** The only offset of {@code needle}; fails when it is absent or occurs twice. */
    int find(byte[] needle) {
        int first = indexOf(needle, 0);
        assertTrue(first >= 0, "bytes not found in " + file);
        assertEquals(-1, indexOf(needle, first + 1), "bytes found twice in " + file);
        return first;
    }

    int find(String ascii) {
        return find(ascii.getBytes(StandardCharsets.UTF_8));
    }

    private int indexOf(byte[] needle, int from) {
        outer:
        for (int i = from; i <= bytes.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * Offsets of a version-1 attribute message (what the HDF5 default format writes): its header, 8 bytes before
     * the NUL-terminated name, holds the name, datatype and dataspace sizes, each field padded to 8 bytes.
     */
    record Attribute(int datatype, int value) {
    }

    Attribute attribute(String name) {
        int at = find((name + "\0").getBytes(StandardCharsets.UTF_8));
        ByteBuffer header = ByteBuffer.wrap(bytes, at - 8, 8).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1, header.get(), "attribute message version");
        header.get();
        int nameSize = header.getShort();
        int datatypeSize = header.getShort();
        int dataspaceSize = header.getShort();
        assertEquals(name.length() + 1, nameSize, "attribute name size");
        int datatype = at + pad8(nameSize);
        return new Attribute(datatype, datatype + pad8(datatypeSize) + pad8(dataspaceSize));
    }

    private static int pad8(int n) {
        return (n + 7) / 8 * 8;
    }

    /** Offset of the only version-1 B-tree node of the given type (0 = group, 1 = chunk index). */
    int btree(int nodeType) {
        int found = -1;
        for (int i = indexOf("TREE".getBytes(StandardCharsets.US_ASCII), 0); i >= 0;
             i = indexOf("TREE".getBytes(StandardCharsets.US_ASCII), i + 1)) {
            if (bytes[i + 4] == nodeType) {
                assertEquals(-1, found, "two B-tree nodes of type " + nodeType + " in " + file);
                found = i;
            }
        }
        assertTrue(found >= 0, "no B-tree node of type " + nodeType + " in " + file);
        return found;
    }

    int byteAt(int offset) {
        return bytes[offset] & 0xFF;
    }

    int int32(int offset) {
        return ByteBuffer.wrap(bytes, offset, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    long int64(int offset) {
        return ByteBuffer.wrap(bytes, offset, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    /** Replaces bytes at {@code offset} with {@code values}. */
    FileBytes put(int offset, byte... values) {
        System.arraycopy(values, 0, bytes, offset, values.length);
        return this;
    }

    static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    static byte[] le64(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }

    /** Writes the patched bytes back to the file. */
    Path write() {
        try {
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
