package io.videoseq.data;

import java.nio.file.Path;

/**
 * A size the file declares is above a cap of {@link FeatureFileLimits} ({@code num_videos}, {@code max_frames},
 * {@code feature_dim}, a chunk's bytes). Apart from {@link LayoutMismatchException} because the file may be fine and
 * the fix is the user's: the frame limit can be raised.
 */
public final class SizeLimitException extends FeatureFileException {
    public SizeLimitException(Path file, String entry, int videoIndex, String expected, String found) {
        super(file, entry, videoIndex, expected, found, null);
    }
}
