package io.videoseq.video;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The registry-fetched test assets (tools/video/fetch-test-assets.sh, run in generate-test-resources): the nsfwjs
 * MobileNetV2 and the Debian sample videos. A test that needs them calls {@link #require()}: when the fetch
 * failed it is skipped with the reason the script recorded.
 */
public final class TestAssets {
    /** The test backbone's feature layer and preprocessing (nsfwjs: 224 x 224 RGB in [0, 1]). */
    public static final String LAYER = "flatten_1";

    private TestAssets() {
    }

    public static Path dir() {
        String p = System.getProperty("videoseq.test.assets");
        return p != null ? Path.of(p) : Path.of(System.getProperty("user.home"), ".cache", "videoseq", "test-assets");
    }

    /** Skips the calling test unless the assets are complete; returns their folder. */
    public static Path require() {
        Path d = dir();
        if (!Files.isRegularFile(d.resolve("complete.txt"))) {
            String why = "not fetched";
            try {
                if (Files.isRegularFile(d.resolve("unavailable.txt"))) {
                    why = Files.readString(d.resolve("unavailable.txt")).trim();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            assumeTrue(false, "test assets missing in " + d + ": " + why
                    + " (run tools/video/fetch-test-assets.sh)");
        }
        return d;
    }

    /** The nsfwjs MobileNetV2 folder (tfjs layers format). */
    public static Path backbone() {
        return require().resolve("nsfwjs-4.4.0").resolve("mobilenet_v2");
    }

    public static Path video(String name) {
        return require().resolve("videos").resolve(name);
    }

    public static Preprocessing preprocessing() {
        return Preprocessing.of(224, Preprocessing.ChannelOrder.RGB, 0, 255);
    }
}
