package io.videoseq.model.io;

import io.videoseq.model.io.ModelFileException.Reason;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A valid tiny model's entries to tamper with, and the assertion every refusal test makes. */
final class RefusalSupport {
    static final String METADATA = "videoseq/metadata.json";
    private static Map<String, byte[]> valid;

    private RefusalSupport() {
    }

    /** configuration.json, coefficients.bin, updaterState.bin (FLOAT, after one step) and a metadata entry. */
    static synchronized Map<String, byte[]> valid() throws IOException {
        if (valid == null) {
            Map<String, byte[]> e = ModelZipFixtures.entries(ModelZipFixtures.trainedTiny(DataType.FLOAT, 1), true);
            e.put(METADATA, "{\"epoch\": 1}".getBytes());
            valid = Map.copyOf(e);
        }
        return ordered(valid);
    }

    /** A modifiable copy in DL4J's entry order. */
    static Map<String, byte[]> ordered(Map<String, byte[]> entries) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String n : new String[]{"configuration.json", "coefficients.bin", "updaterState.bin", METADATA}) {
            if (entries.containsKey(n)) {
                out.put(n, entries.get(n));
            }
        }
        entries.forEach(out::putIfAbsent);
        return out;
    }

    /** Asserts that {@link ModelZip#load} refuses {@code file} for {@code reason}, blaming {@code entry}. */
    static ModelFileException refused(Path file, Reason reason, String entry) {
        return refused(file, reason, entry, true);
    }

    static ModelFileException refused(Path file, Reason reason, String entry, boolean withUpdater) {
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelZip.load(file, withUpdater));
        assertRefusal(e, file, reason, entry);
        return e;
    }

    /** Asserts {@link ModelZip#readEntry} refuses it too (for failures found before the arrays are read). */
    static void metadataRefused(Path file, Reason reason, String entry) {
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelZip.readEntry(file, METADATA));
        assertRefusal(e, file, reason, entry);
    }

    private static void assertRefusal(ModelFileException e, Path file, Reason reason, String entry) {
        String m = e.getMessage();
        assertEquals(reason, e.reason(), m);
        assertEquals(Optional.ofNullable(entry), e.entry(), m);
        assertEquals(file, e.file());
        String prefix = file + (entry == null ? "" : ": entry " + ModelFileException.printable(entry)) + ": expected ";
        assertTrue(m.startsWith(prefix), "expected '" + prefix + "...', got: " + m);
        assertTrue(m.contains("; found "), m);
        assertEquals(1, m.lines().count(), "one line: " + m);
    }
}
