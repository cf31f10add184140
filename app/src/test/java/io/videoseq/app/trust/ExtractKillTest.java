package io.videoseq.app.trust;

import static io.videoseq.app.CliRunner.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.videoseq.app.CliRunner;
import io.videoseq.data.FeatureFile;
import io.videoseq.data.ReadMode;
import io.videoseq.video.TestAssets;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code extract} killed with SIGKILL in a child JVM once it reported its second video: no split file appears, and
 * the same command run again reuses the finished videos and completes.
 */
class ExtractKillTest {
    private static final int VIDEOS = 5;

    @TempDir
    Path dir;

    private static long finished(Path cache) throws Exception {
        if (!Files.isDirectory(cache)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(cache)) {
            return s.filter(p -> p.getFileName().toString().matches("[0-9a-f]{32}\\.f32")).count();
        }
    }

    /** Five copies of a sample video in a list, and the extract command over it. */
    private String[] fiveVideos() throws Exception {
        Path source = TestAssets.video("g1.avi");
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < VIDEOS; i++) {
            Files.copy(source, dir.resolve("clip" + i + ".avi"));
            csv.append("clip").append(i).append(".avi,a,")
                    .append(i < VIDEOS - 2 ? "train" : i == VIDEOS - 2 ? "val" : "test").append('\n');
        }
        Files.writeString(dir.resolve("videos.csv"), csv);
        return new String[] {"extract", "--videos", dir.resolve("videos.csv").toString(), "--out",
            dir.resolve("out").toString(), "--backbone", TestAssets.backbone().toString(), "--layer",
            TestAssets.LAYER, "--max-frames", "8"};
    }

    /** Starts the extraction in a child JVM and sends {@code signal} once it reported its second video. */
    private static String signalAfterTwo(String[] args, String signal, int expectedExit) throws Exception {
        Process child = ChildCli.start(List.of(), args);
        StringBuilder seen = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            boolean sent = false;
            for (String line; (line = r.readLine()) != null; ) {
                seen.append(line).append('\n');
                if (!sent && line.startsWith("[2/" + VIDEOS + "] ")) {
                    new ProcessBuilder("kill", "-" + signal, String.valueOf(child.pid())).start().waitFor();
                    sent = true;
                }
            }
        }
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not end");
        assertEquals(expectedExit, child.exitValue(), "after SIG" + signal + ":\n" + seen);
        return seen.toString();
    }

    @Test
    void ctrlCSaysWhatIsKeptAndHowToContinue() throws Exception {
        String[] args = fiveVideos();
        String seen = signalAfterTwo(args, "INT", 130);
        String last = seen.strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("videoseq extract: interrupted; the videos finished so far are kept in "
                + dir.resolve("out/.videoseq-extract")), seen);
        assertTrue(last.endsWith("continue with: videoseq " + String.join(" ", args)), seen);
    }

    @Test
    void aKilledExtractionResumes() throws Exception {
        String[] args = fiveVideos();
        Path cache = dir.resolve("out/.videoseq-extract");
        String seen = signalAfterTwo(args, "KILL", 137);
        long done = finished(cache);
        assertTrue(done >= 2 && done < VIDEOS, "killed after 2.." + (VIDEOS - 1) + " videos, found " + done
                + ":\n" + seen);
        assertFalse(Files.exists(dir.resolve("out/train_features.h5")), "no split file before every video was tried");

        CliRunner.Run again = run(args);
        again.assertOk();
        assertTrue(again.err().contains("resuming: " + done + " of " + VIDEOS
                + " videos were extracted by an interrupted run"), again.err());
        assertEquals(VIDEOS - done, again.err().lines().filter(l -> l.matches("\\[\\d/\\d\\] clip.*")).count(),
                "only the unfinished videos are extracted again:\n" + again.err());
        try (FeatureFile train = FeatureFile.open(dir.resolve("out/train_features.h5"), ReadMode.PER_VIDEO)) {
            assertEquals(VIDEOS - 2, train.size());
            assertTrue(java.util.Arrays.equals(train.read(0).values(), train.read(VIDEOS - 3).values()),
                    "cached and recomputed features of the same bytes are equal");
        }
        assertFalse(Files.exists(cache), "the cache is removed after the files are written");
    }
}
