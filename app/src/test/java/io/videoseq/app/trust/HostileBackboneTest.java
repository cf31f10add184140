package io.videoseq.app.trust;

import io.videoseq.video.backbone.HostileBackbones;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Backbones from strangers: hostile Keras {@code .h5} and TensorFlow.js files ({@link HostileBackbones}) given to
 * {@code videoseq extract --backbone} through the real command line in a capped child JVM ({@link HostileCli}): exit
 * 2, one line naming the file and what was expected and found, no HDF5 diagnostics, within 60 s, under 2 GB. Extract
 * reads the video list (not the videos) before the backbone, so a one-line list of a missing video is enough.
 */
class HostileBackboneTest {
    @TempDir
    Path dir;

    static List<HostileBackbones.Case> cases() {
        return HostileBackbones.allCases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void extractRefusesTheBackboneInOneLine(HostileBackbones.Case c) throws Exception {
        Path backbone = c.make().apply(dir.resolve("backbone"));
        Path videos = dir.resolve("videos.csv");
        Files.writeString(videos, "clip.mp4,walk\n");
        List<String> fragments = new ArrayList<>(c.fragments());
        fragments.add(backbone.toString());
        HostileCli.Outcome o = HostileCli.run("extract", "--videos", videos.toString(), "--out",
                dir.resolve("features").toString(), "--max-frames", "3", "--backbone", backbone.toString())
                .assertRefused(fragments.toArray(String[]::new));
        System.out.printf("hostile backbone '%s': exit %d in %d ms, peak RSS %d MB%n", c.name(), o.exit(),
                o.wall().toMillis(), o.peakRss() >> 20);
    }
}
