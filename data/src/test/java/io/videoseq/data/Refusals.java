package io.videoseq.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.function.Executable;

/**
 * The one-line contract of {@link FeatureFileException}, asserted on a file opened and validated completely; in the
 * test jar, for the other modules' tests of refused feature files.
 */
public final class Refusals {
    private Refusals() {
    }

    /** What {@code run} throws, which must be a {@link FeatureFileException} for {@code reason}. */
    public static FeatureFileException thrown(FeatureFileException.Reason reason, Executable run) {
        FeatureFileException e = assertThrows(FeatureFileException.class, run);
        assertEquals(reason, e.reason(), e.getMessage());
        return e;
    }

    /** {@link #thrown(FeatureFileException.Reason, Executable)}, naming {@code what} when nothing is thrown. */
    public static FeatureFileException thrown(FeatureFileException.Reason reason, Executable run, String what) {
        FeatureFileException e = assertThrows(FeatureFileException.class, run, what);
        assertEquals(reason, e.reason(), what + ": " + e.getMessage());
        return e;
    }

    static FeatureFileException refused(FeatureFileException.Reason reason, Path file, String entry, int video,
                                        String... fragments) {
        FeatureFileException e = thrown(reason, () -> {
            try (FeatureFile f = FeatureFile.open(file, ReadMode.PER_VIDEO)) {
                f.validateAll();
            }
        });
        return assertOneLine(e, file, entry, video, fragments);
    }

    static FeatureFileException assertOneLine(FeatureFileException e, Path file, String entry, int video,
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
