package io.videoseq.training.checkpoint;

import io.videoseq.inference.manifest.Sha256;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * SHA-256 of the input files, keyed by file name (not the full path, so a moved data directory still matches).
 * Recorded in every checkpoint; a resume with different data is refused (RunStart) because it could not be exact.
 */
public final class InputChecksums {

    private InputChecksums() {
    }

    /** File name → lowercase hex SHA-256, sorted by name. */
    public static Map<String, String> of(Collection<Path> files) {
        Map<String, String> out = new TreeMap<>();
        for (Path f : files) {
            out.put(f.getFileName().toString(), Sha256.of(f));
        }
        return out;
    }
}
