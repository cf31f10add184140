package io.videoseq.training.checkpoint;

import io.videoseq.model.io.ModelFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** readMetadata and load go through the model module's safe loader: a tampered checkpoint is refused. */
class CheckpointStoreRefusalTest {

    @TempDir
    Path dir;

    /** A real checkpoint, copied with {@code name} set to {@code bytes} (added, or replacing the entry). */
    private Path tampered(String name, byte[] bytes) throws IOException {
        Path good = new CheckpointStore(dir).saveBest(CheckpointStoreTest.tinyTrainedGraph(1),
                CheckpointStoreTest.metadata("m", 1));
        Path bad = dir.resolve("tampered.zip");
        try (ZipFile in = new ZipFile(good.toFile());
             OutputStream file = Files.newOutputStream(bad);
             ZipOutputStream out = new ZipOutputStream(file)) {
            for (ZipEntry e : Collections.list(in.entries())) {
                if (!e.getName().equals(name)) {
                    out.putNextEntry(new ZipEntry(e.getName()));
                    out.write(in.getInputStream(e).readAllBytes());
                }
            }
            out.putNextEntry(new ZipEntry(name));
            out.write(bytes);
        }
        return bad;
    }

    @Test
    void aJavaObjectEntryIsRefusedByReadMetadataAndLoad() throws IOException {
        ByteArrayOutputStream object = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(object)) {
            o.writeObject(new HashSet<>(List.of("x")));
        }
        Path bad = tampered("preprocessor.bin", object.toByteArray());
        for (Executable read : List.<Executable>of(
                () -> CheckpointStore.readMetadata(bad), () -> CheckpointStore.load(bad))) {
            ModelFileException e = assertThrows(ModelFileException.class, read);
            assertEquals(ModelFileException.Reason.UNEXPECTED_ENTRY, e.reason());
            assertTrue(e.getMessage().startsWith(bad + ": entry preprocessor.bin: expected only"), e.getMessage());
        }
    }

    @Test
    void malformedMetadataIsAModelFileErrorNamingTheEntry() throws IOException {
        Path bad = tampered(CheckpointStore.METADATA_ENTRY, "{\"epoch\": ".getBytes(StandardCharsets.UTF_8));
        ModelFileException e = assertThrows(ModelFileException.class, () -> CheckpointStore.readMetadata(bad));
        assertEquals(ModelFileException.Reason.INVALID_CONTENT, e.reason());
        assertTrue(e.getMessage().startsWith(bad + ": entry videoseq/metadata.json: expected videoseq checkpoint"
                + " metadata JSON; found "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
