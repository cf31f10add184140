package io.videoseq.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.videoseq.data.SyntheticDataSpec;
import io.videoseq.data.SyntheticDataWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files get the mode a plain {@code Files.write} gets under the user's umask (the data module's old writer used
 * {@code Files.createTempFile}, so {@code generate} wrote {@code -rw-------} files), and the one temporary-name
 * scheme lets the cleanup tell a dead writer's leftovers from a live one's.
 */
class AtomicFilesModeTest {

    @TempDir
    Path dir;

    private Set<PosixFilePermission> plainWriteMode() throws Exception {
        return Files.getPosixFilePermissions(Files.writeString(dir.resolve("plain.txt"), "x"));
    }

    @Test
    void everyWriterGivesTheModeOfAPlainWrite() throws Exception {
        Set<PosixFilePermission> expected = plainWriteMode();
        AtomicFiles.writeString(dir.resolve("a.txt"), "a");
        AtomicFiles.writeStream(dir.resolve("b.bin"), out -> out.write(1));
        AtomicFiles.write(dir.resolve("c.bin"), tmp -> Files.write(tmp, new byte[] {2}));
        for (String f : new String[] {"a.txt", "b.bin", "c.bin"}) {
            assertEquals(expected, Files.getPosixFilePermissions(dir.resolve(f)), f);
        }
    }

    @Test
    void generatedFeatureFilesGetThatModeToo() throws Exception {
        Set<PosixFilePermission> expected = plainWriteMode();
        SyntheticDataWriter.write(dir.resolve("data"), new SyntheticDataSpec(6, 3, 3, 4, 2, 2, 4, "", 1));
        try (Stream<Path> files = Files.list(dir.resolve("data"))) {
            for (Path f : files.toList()) {
                assertEquals(expected, Files.getPosixFilePermissions(f), f.toString());
            }
        }
    }

    @Test
    void staleTemporariesOfDeadWritersGoAndLiveOnesStay() throws Exception {
        long live = ProcessHandle.current().parent().orElseThrow().pid();
        Path dead = Files.writeString(dir.resolve(AtomicFiles.TEMP_PREFIX + "999999999.1.m_last.zip"), "partial");
        Path running = Files.writeString(dir.resolve(AtomicFiles.TEMP_PREFIX + live + ".1.m_last.zip"), "writing");
        Path foreign = Files.writeString(dir.resolve(".m_last.zip.tmp"), "not ours");
        assertEquals(1, AtomicFiles.removeStale(dir));
        assertFalse(Files.exists(dead));
        assertTrue(Files.exists(running), "a live process's temporary file is kept");
        assertTrue(Files.exists(foreign), "a file that is not ours is never deleted");
        assertEquals(0, AtomicFiles.removeStale(dir.resolve("missing")));
    }
}
