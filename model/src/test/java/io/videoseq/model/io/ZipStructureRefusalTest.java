package io.videoseq.model.io;

import io.videoseq.model.io.ModelFileException.Reason;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

import static io.videoseq.model.io.RefusalSupport.METADATA;
import static io.videoseq.model.io.RefusalSupport.metadataRefused;
import static io.videoseq.model.io.RefusalSupport.refused;
import static io.videoseq.model.io.RefusalSupport.valid;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Files refused from their central directory, or for being no complete zip: nothing in them is deserialized. */
class ZipStructureRefusalTest {

    @TempDir
    Path dir;

    private Path write(CraftedZip zip) throws Exception {
        return zip.write(Files.createTempFile(dir, "m", ".zip"));
    }

    private Path with(String name, byte[] bytes) throws Exception {
        Map<String, byte[]> e = valid();
        e.put(name, bytes);
        return write(ModelZipFixtures.craft(e));
    }

    @Test
    void theValidCraftedFileLoadsAndItsMetadataReads() throws Exception {
        Path file = write(ModelZipFixtures.craft(valid()));
        assertEquals(1247, ModelZip.load(file, true).numParams());
        assertArrayEquals(valid().get(METADATA), ModelZip.readEntry(file, METADATA));
        CraftedZip stored = new CraftedZip();
        valid().forEach((n, b) -> stored.add(CraftedZip.stored(n, b)));
        assertEquals(1247, ModelZip.load(write(stored), true).numParams());
    }

    @Test
    void serialDosPreprocessorIsRefusedWithoutBeingDeserialized() throws Exception {
        Path file = with("preprocessor.bin", ModelZipFixtures.serialDos());
        ModelFileException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> refused(file, Reason.UNEXPECTED_ENTRY, "preprocessor.bin"));
        assertEquals(file + ": entry preprocessor.bin: expected only configuration.json, coefficients.bin,"
                + " updaterState.bin, noParams.marker, videoseq/*; found an entry that DL4J would deserialize as"
                + " Java objects", e.getMessage());
        assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> metadataRefused(file, Reason.UNEXPECTED_ENTRY, "preprocessor.bin"));
    }

    @Test
    void dl4jsOwnLoaderWouldDeserializeThatEntry() throws Exception {
        // What ModelZip avoids (M2.1): restoreComputationGraph runs readObject on preprocessor.bin even when
        // loading without the updater; a HashSet gets as far as the cast to DataSetPreProcessor.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new HashSet<>(List.of("x")));
        }
        Path file = with("preprocessor.bin", bytes.toByteArray());
        ClassCastException e = assertThrows(ClassCastException.class,
                () -> ModelSerializer.restoreComputationGraph(file.toFile(), false));
        assertTrue(e.getMessage().contains("java.util.HashSet"), e.getMessage());
    }

    @Test
    void theJdksZipFileChecksNeitherCrcNorSizeSoTheLoaderMust() throws Exception {
        byte[] data = "configuration".getBytes();
        CraftedZip.Entry e = CraftedZip.deflated("x", data);
        Path file = write(new CraftedZip().add(new CraftedZip.Entry("x", e.method(), e.payload(), 5, e.crc() ^ 1)));
        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertArrayEquals(data, zip.getInputStream(zip.getEntry("x")).readAllBytes());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"normalizer.bin", "objects/key", "notes.txt", "Configuration.json", "videoseq/",
        "videoseq/.hidden", "META-INF/MANIFEST.MF"})
    void unexpectedEntriesAreRefused(String name) throws Exception {
        Path file = with(name, new byte[] {1, 2, 3});
        refused(file, Reason.UNEXPECTED_ENTRY, name);
        metadataRefused(file, Reason.UNEXPECTED_ENTRY, name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil.sh", "/etc/cron.d/x", "videoseq/../../x", "videoseq\\..\\x", "C:/x",
        "videoseq/a\nb", ""})
    void pathEscapingNamesAreRefused(String name) throws Exception {
        Path file = with(name, new byte[] {1});
        ModelFileException e = refused(file, Reason.UNSAFE_NAME, name);
        assertTrue(e.getMessage().contains("path-escaping"), e.getMessage());
    }

    @Test
    void aDuplicateNameIsRefused() throws Exception {
        // ZipOutputStream refuses to write duplicates; the crafted writer does not.
        CraftedZip zip = ModelZipFixtures.craft(valid());
        zip.add(CraftedZip.deflated("configuration.json", "{}".getBytes()));
        Path file = write(zip);
        refused(file, Reason.DUPLICATE_ENTRY, "configuration.json");
        metadataRefused(file, Reason.DUPLICATE_ENTRY, "configuration.json");
    }

    @Test
    void truncatedEmptyAndNonZipFilesAreRefused() throws Exception {
        Path real = dir.resolve("real.zip");
        ModelSerializer.writeModel(ModelZipFixtures.trainedTiny(DataType.FLOAT, 1), real.toFile(), true);
        byte[] bytes = Files.readAllBytes(real);
        Path truncated = Files.write(dir.resolve("truncated.zip"), Arrays.copyOf(bytes, bytes.length - 100));
        refused(truncated, Reason.NOT_A_ZIP, null);
        Path empty = Files.write(dir.resolve("empty.zip"), new byte[0]);
        assertTrue(refused(empty, Reason.NOT_A_ZIP, null).getMessage().endsWith("found an empty file"));
        Path text = Files.writeString(dir.resolve("model.zip"), "not a zip\n");
        refused(text, Reason.NOT_A_ZIP, null);
        metadataRefused(text, Reason.NOT_A_ZIP, null);
        refused(dir.resolve("missing.zip"), Reason.NOT_A_ZIP, null);
        refused(dir, Reason.NOT_A_ZIP, null);
    }

    @Test
    void aFlippedByteFailsTheCrcCheck() throws Exception {
        CraftedZip stored = new CraftedZip();
        valid().forEach((n, b) -> {
            byte[] copy = b.clone();
            if (n.equals("coefficients.bin")) {
                copy[copy.length / 2] ^= 0x10; // a value, not the header: only the CRC can tell
                stored.add(new CraftedZip.Entry(n, CraftedZip.STORED, copy, copy.length, CraftedZip.crc(b)));
            } else {
                stored.add(CraftedZip.stored(n, copy));
            }
        });
        ModelFileException e = refused(write(stored), Reason.CORRUPT, "coefficients.bin");
        assertTrue(e.getMessage().contains("CRC32"), e.getMessage());

        // In a deflated entry the flip damages the compressed stream: refused either way.
        CraftedZip.Entry coefficients = CraftedZip.deflated("coefficients.bin", valid().get("coefficients.bin"));
        byte[] zip = ModelZipFixtures.craft(valid()).bytes();
        int at = indexOf(zip, coefficients.payload()) + coefficients.payload().length / 2;
        zip[at] ^= 0x10;
        Path file = Files.write(dir.resolve("flipped.zip"), zip);
        ModelFileException d = assertThrows(ModelFileException.class, () -> ModelZip.load(file, true));
        assertEquals("coefficients.bin", d.entry().orElseThrow(), d.getMessage());
    }

    @Test
    void aWrongCrcOnTheConfigurationIsRefused() throws Exception {
        CraftedZip zip = new CraftedZip();
        valid().forEach((n, b) -> {
            CraftedZip.Entry e = CraftedZip.deflated(n, b);
            zip.add(n.equals("configuration.json") ? new CraftedZip.Entry(n, e.method(), e.payload(), e.size(),
                    e.crc() ^ 1) : e);
        });
        refused(write(zip), Reason.CORRUPT, "configuration.json");
    }

    @Test
    void declaredSizesBeyondTheStaticLimitsAreRefused() throws Exception {
        CraftedZip big = new CraftedZip();
        valid().forEach((n, b) -> big.add(n.equals("configuration.json")
                ? CraftedZip.deflated(n, b).withSize(Limits.MAX_CONFIGURATION_BYTES + 1) : CraftedZip.deflated(n, b)));
        refused(write(big), Reason.TOO_LARGE, "configuration.json");

        CraftedZip marker = ModelZipFixtures.craft(valid()).add(CraftedZip.stored("noParams.marker", new byte[1]));
        refused(write(marker), Reason.TOO_LARGE, "noParams.marker");

        CraftedZip metadata = new CraftedZip();
        valid().forEach((n, b) -> metadata.add(n.equals(METADATA)
                ? CraftedZip.deflated(n, b).withSize(Limits.MAX_EXTRA_ENTRY_BYTES + 1) : CraftedZip.deflated(n, b)));
        metadataRefused(write(metadata), Reason.TOO_LARGE, METADATA);

        CraftedZip total = new CraftedZip();
        valid().forEach((n, b) -> total.add(n.endsWith(".bin")
                ? CraftedZip.deflated(n, b).withSize(0xFFFF_FFFEL) : CraftedZip.deflated(n, b)));
        refused(write(total), Reason.TOO_LARGE, null);

        CraftedZip many = ModelZipFixtures.craft(valid());
        for (int i = 0; i < Limits.MAX_ENTRIES; i++) {
            many.add(CraftedZip.stored("videoseq/extra" + i, new byte[0]));
        }
        refused(write(many), Reason.TOO_LARGE, null);
    }

    @Test
    void missingEntriesAreNamed() throws Exception {
        Map<String, byte[]> noConfig = valid();
        noConfig.remove("configuration.json");
        refused(write(ModelZipFixtures.craft(noConfig)), Reason.MISSING_ENTRY, "configuration.json");
        Map<String, byte[]> noParams = valid();
        noParams.remove("coefficients.bin");
        refused(write(ModelZipFixtures.craft(noParams)), Reason.MISSING_ENTRY, "coefficients.bin");
        Map<String, byte[]> noMetadata = valid();
        noMetadata.remove(METADATA);
        metadataRefused(write(ModelZipFixtures.craft(noMetadata)), Reason.MISSING_ENTRY, METADATA);
        assertThrows(IllegalArgumentException.class, () -> ModelZip.readEntry(dir, "configuration.json"));
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
