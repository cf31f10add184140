package io.videoseq.data;

import java.nio.file.Path;

/** The feature file does not exist or is not a readable regular file. */
public final class FeatureFileNotFoundException extends FeatureFileException {
    public FeatureFileNotFoundException(Path file, String entry, int videoIndex, String expected, String found) {
        super(file, entry, videoIndex, expected, found, null);
    }
}
