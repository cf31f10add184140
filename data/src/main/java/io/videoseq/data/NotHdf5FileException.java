package io.videoseq.data;

import java.nio.file.Path;

/** The file exists but is not an HDF5 file (no HDF5 signature). */
public final class NotHdf5FileException extends FeatureFileException {
    public NotHdf5FileException(Path file, String entry, int videoIndex, String expected, String found) {
        super(file, entry, videoIndex, expected, found, null);
    }
}
