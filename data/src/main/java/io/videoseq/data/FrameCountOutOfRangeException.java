package io.videoseq.data;

import java.nio.file.Path;

/** A {@code num_frames} entry below 1 or above the {@code max_frames} attribute. */
public final class FrameCountOutOfRangeException extends FeatureFileException {
    public FrameCountOutOfRangeException(Path file, String entry, int videoIndex, String expected, String found) {
        super(file, entry, videoIndex, expected, found, null);
    }
}
