package io.videoseq.data;

import java.nio.file.Path;

/** A NaN or infinite feature value among a video's real frames (checked when the video is read). */
public final class NonFiniteFeatureException extends FeatureFileException {
    public NonFiniteFeatureException(Path file, String entry, int videoIndex, String expected, String found) {
        super(file, entry, videoIndex, expected, found, null);
    }
}
