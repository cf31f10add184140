package io.videoseq.data;

import java.nio.file.Path;

/**
 * A root attribute has an unusable value or type (for example {@code category_mapping} that is not a JSON object of
 * distinct indices {@code 0..C-1}), or is corrupt: a message, heap reference or string HDF5 cannot decode, or bytes
 * that are not UTF-8.
 */
public final class InvalidAttributeException extends FeatureFileException {
    public InvalidAttributeException(Path file, String entry, int videoIndex, String expected, String found) {
        super(file, entry, videoIndex, expected, found, null);
    }
}
