package io.videoseq.data;

import io.videoseq.data.FeatureFileException.Reason;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Why the HDF5 library refused to open a file: the signature tells a file that is no HDF5 file at all from an
 * HDF5 file cut short or corrupted, which call for different fixes.
 */
final class UnopenableFile {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private UnopenableFile() {
    }

    static FeatureFileException explain(Path path) {
        if (hasSignature(path)) {
            return new FeatureFileException(Reason.TRUNCATED, path, "file", -1, "a complete HDF5 file",
                    "an HDF5 signature but a file the HDF5 library cannot open (truncated or corrupt)");
        }
        long size;
        try {
            size = Files.size(path);
        } catch (IOException e) {
            size = -1;
        }
        return new FeatureFileException(Reason.NOT_HDF5, path, "file", -1, "an HDF5 file", "no HDF5 signature ("
                + size + " bytes)");
    }

    private static boolean hasSignature(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return Arrays.equals(in.readNBytes(SIGNATURE.length), SIGNATURE);
        } catch (IOException e) {
            return false;
        }
    }
}
