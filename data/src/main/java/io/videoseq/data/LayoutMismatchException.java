package io.videoseq.data;

import java.nio.file.Path;

/** Dataset ranks, lengths, shapes or element types disagree with each other or with the root attributes. */
public final class LayoutMismatchException extends FeatureFileException {
    public LayoutMismatchException(Path file, String entry, int videoIndex, String expected, String found) {
        super(file, entry, videoIndex, expected, found, null);
    }
}
