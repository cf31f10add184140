package io.videoseq.training.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Damages the chunk index of a file {@code SyntheticDataWriter} wrote (gzip, one chunk per video, so one B-tree leaf
 * for up to 64 videos): the leaf's entry count, found by searching for the "TREE" signature of node type 1, is
 * lowered, HDF5 no longer finds the last videos' chunks and reads them as 0 without an error.
 */
final class ChunkIndexDamage {
    private ChunkIndexDamage() {
    }

    /** Makes the last {@code videos} of the {@code n} videos in {@code file} read as all zeros. */
    static void dropLastChunks(Path file, int n, int videos) throws IOException {
        byte[] b = Files.readAllBytes(file);
        byte[] tree = "TREE".getBytes(StandardCharsets.US_ASCII);
        int leaf = -1;
        for (int i = 0; i + 8 <= b.length; i++) {
            if (b[i] == tree[0] && b[i + 1] == tree[1] && b[i + 2] == tree[2] && b[i + 3] == tree[3] && b[i + 4] == 1) {
                assertEquals(-1, leaf, "one chunk B-tree leaf expected in " + file);
                leaf = i;
            }
        }
        assertTrue(leaf >= 0, "no chunk B-tree in " + file);
        int entries = (b[leaf + 6] & 0xFF) | (b[leaf + 7] & 0xFF) << 8;
        assertEquals(n, entries, "chunks indexed in " + file);
        b[leaf + 6] = (byte) (n - videos);
        Files.write(file, b);
    }
}
