package io.videoseq.training.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
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
            out.put(f.getFileName().toString(), sha256(f));
        }
        return out;
    }

    /** Lowercase hex SHA-256 of a file's bytes. */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.toAbsolutePath() + " to checksum it", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
