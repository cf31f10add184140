package io.videoseq.data;

import java.nio.file.Path;

/**
 * A feature file that cannot be used. The message is one line:
 * {@code <file>: <dataset or attribute>[ video <i>]: expected <...>, found <...>}. Subclasses name the case.
 */
public class FeatureFileException extends RuntimeException {
    private final transient Path file;
    private final String entry;
    private final int videoIndex;
    private final String expected;
    private final String found;

    protected FeatureFileException(Path file, String entry, int videoIndex, String expected, String found,
                                   Throwable cause) {
        super(format(file, entry, videoIndex, expected, found), cause);
        this.file = file;
        this.entry = entry;
        this.videoIndex = videoIndex;
        this.expected = expected;
        this.found = found;
    }

    private static String format(Path file, String entry, int videoIndex, String expected, String found) {
        String where = videoIndex >= 0 ? entry + " video " + videoIndex : entry;
        return (file + ": " + where + ": expected " + expected + ", found " + found).replace('\n', ' ');
    }

    public Path file() {
        return file;
    }

    /** The dataset or attribute concerned, or {@code "file"}. */
    public String entry() {
        return entry;
    }

    /** The video index, or -1 when the problem is not about one video. */
    public int videoIndex() {
        return videoIndex;
    }

    public String expected() {
        return expected;
    }

    public String found() {
        return found;
    }
}
