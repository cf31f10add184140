package io.videoseq.app.trust;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feature files from strangers, through the real command line in a child JVM ({@link HostileCli}): exit 2, one line,
 * bounded time and memory.
 */
class HostileFeatureFileTest {
    @TempDir
    Path dir;

    @Test
    void aFileThatIsNotHdf5IsOneLine() throws Exception {
        Path f = dir.resolve("train_features.h5");
        Files.writeString(f, "not an HDF5 file at all");
        HostileCli.run("inspect", f.toString()).assertRefused(f.toString());
    }
}
