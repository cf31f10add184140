package io.videoseq.data;

import java.nio.file.Path;

/** A label outside {@code [0, num_classes)}, where {@code num_classes} is the size of {@code category_mapping}. */
public final class LabelOutOfRangeException extends FeatureFileException {
    public LabelOutOfRangeException(Path file, String entry, int videoIndex, String expected, String found) {
        super(file, entry, videoIndex, expected, found, null);
    }
}
