package io.videoseq.data;

import java.nio.file.Path;

/** An HDF5 file that cannot be opened or read: cut short (truncated) or otherwise corrupt. */
public final class TruncatedFileException extends FeatureFileException {
    public TruncatedFileException(Path file, String entry, int videoIndex, String expected, String found) {
        super(file, entry, videoIndex, expected, found, null);
    }
}
