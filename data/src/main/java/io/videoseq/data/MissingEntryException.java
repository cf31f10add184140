package io.videoseq.data;

import java.nio.file.Path;

/** A required dataset ({@code features}, {@code labels}, {@code num_frames}) or root attribute is absent. */
public final class MissingEntryException extends FeatureFileException {
    public MissingEntryException(Path file, String entry, int videoIndex, String expected, String found) {
        super(file, entry, videoIndex, expected, found, null);
    }
}
