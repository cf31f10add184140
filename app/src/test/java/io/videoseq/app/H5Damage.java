package io.videoseq.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The two damages measured on real files, done to a file {@code generate} wrote (gzip, one chunk per video): found by
 * searching the bytes, and checked before they are changed so that another HDF5 layout fails here, not silently.
 */
final class H5Damage {
    private H5Damage() {
    }

    /**
     * Lowers the entry count of the chunk index's B-tree leaf ("TREE", node type 1): HDF5 no longer finds the last
     * {@code videos} chunks of the {@code n} and reads those videos as 0, without an error.
     */
    static void dropLastChunks(Path file, int n, int videos) throws IOException {
        byte[] b = Files.readAllBytes(file);
        int leaf = -1;
        for (int i = indexOf(b, ascii("TREE"), 0); i >= 0; i = indexOf(b, ascii("TREE"), i + 1)) {
            if (b[i + 4] == 1) {
                assertEquals(-1, leaf, "one chunk B-tree leaf expected in " + file);
                leaf = i;
            }
        }
        assertTrue(leaf >= 0, "no chunk B-tree in " + file);
        assertEquals(n, (b[leaf + 6] & 0xFF) | (b[leaf + 7] & 0xFF) << 8, "chunks indexed in " + file);
        b[leaf + 6] = (byte) (n - videos);
        Files.write(file, b);
    }

    /**
     * Zeroes the stored reference of the variable-length string attribute whose value is {@code value} (length,
     * address of its global heap collection "GCOL", object index: 16 bytes), as a corrupted attribute block does.
     */
    static void nilStringReference(Path file, String value) throws IOException {
        byte[] b = Files.readAllBytes(file);
        int heap = indexOf(b, ascii("GCOL"), 0);
        assertTrue(heap >= 0, "no global heap in " + file);
        byte[] reference = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(value.getBytes(StandardCharsets.UTF_8).length).putLong(heap).array();
        int at = indexOf(b, reference, 0);
        assertTrue(at >= 0, "no reference to a string of " + value.length() + " bytes in " + file);
        assertEquals(-1, indexOf(b, reference, at + 1), "two string references alike in " + file);
        System.arraycopy(new byte[16], 0, b, at, 16);
        Files.write(file, b);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
