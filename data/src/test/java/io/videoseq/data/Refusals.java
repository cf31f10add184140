package io.videoseq.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

/** The one-line contract of {@link FeatureFileException}, asserted on a file opened and validated completely. */
final class Refusals {
    private Refusals() {
    }

    static <T extends FeatureFileException> T refused(Class<T> type, Path file, String entry, int video,
                                                      String... fragments) {
        T e = assertThrows(type, () -> {
            try (FeatureFile f = FeatureFile.open(file, ReadMode.PER_VIDEO)) {
                f.validateAll();
            }
        });
        return assertOneLine(e, file, entry, video, fragments);
    }

    static <T extends FeatureFileException> T assertOneLine(T e, Path file, String entry, int video,
                                                            String... fragments) {
        String m = e.getMessage();
        assertFalse(m.contains("\n"), m);
        assertTrue(m.startsWith(file.toString() + ": "), m);
        assertEquals(entry, e.entry(), m);
        assertEquals(video, e.videoIndex(), m);
        if (video >= 0) {
            assertTrue(m.contains("video " + video), m);
        }
        assertTrue(m.contains("expected "), m);
        assertTrue(m.contains("found "), m);
        for (String fragment : fragments) {
            assertTrue(m.contains(fragment), m + " should contain " + fragment);
        }
        return e;
    }
}
