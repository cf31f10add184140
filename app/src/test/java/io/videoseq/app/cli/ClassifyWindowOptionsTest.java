package io.videoseq.app.cli;

import io.videoseq.app.CliRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code classify --window}'s options refused in one line before any model or video is read. */
class ClassifyWindowOptionsTest {
    @TempDir
    Path dir;

    private CliRunner.Run classify(String... more) {
        String[] base = {"classify", dir.resolve("v.mp4").toString(), "--model", dir.resolve("m.zip").toString(),
                "--backbone", dir.resolve("b.h5").toString()};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return CliRunner.run(args);
    }

    @Test
    void windowOptionsWithoutAWindowAreRefused() {
        classify("--stride", "2").assertBadInput("--stride: expected only with --window SECONDS, found without it");
        classify("--out", "t.csv").assertBadInput("--out: expected only with --window SECONDS");
        classify("--min-segment", "3").assertBadInput("--min-segment: expected only with --window SECONDS");
        classify("--jsonl").assertBadInput("--jsonl: expected only with --window SECONDS, found without it");
        classify("--window", "2", "--json", "--jsonl").assertBadInput("--jsonl: expected either --json (one object"
                + " per video, at its end) or --jsonl (a line per window as it is decided), found both");
        classify("--max-window-seconds", "5").assertBadInput("--max-window-seconds, --max-window-frames,"
                + " --max-video-duration: expected only with --window SECONDS, found without it");
    }

    @Test
    void windowedBoundsAreProgressNotLength() {
        classify("--window", "2", "--max-video-frames", "250000").assertBadInput("--max-video-frames: expected"
                + " --max-window-frames with --window (a long file is bounded per window, not by its length), found"
                + " --max-video-frames 250000");
        classify("--window", "2", "--max-window-seconds", "0").assertBadInput("--max-window-seconds: expected a"
                + " number in (0, 604800], found 0.0");
        classify("--window", "2", "--max-window-frames", "0").assertBadInput("--max-window-frames: expected an"
                + " integer in [1, 2147483647], found 0");
        classify("--window", "2", "--max-video-duration", "-1").assertBadInput("--max-video-duration: expected a"
                + " number in (0, 604800], found -1.0");
        classify("--window", "2", "--max-video-seconds", "0").assertBadInput("--max-video-seconds: expected a"
                + " number in (0, 604800], found 0.0");
    }

    @Test
    void badLengthsAreRefusedNamingTheOption() {
        classify("--window", "0").assertBadInput("--window: expected seconds in [0.01, 86400], found 0.0");
        classify("--window", "2", "--stride", "3").assertBadInput("--stride: expected seconds in [0.01, 2.0]"
                + " (at most --window, so windows leave no gap), found 3.0");
        classify("--window", "2", "--min-segment", "-1").assertBadInput("--min-segment: expected seconds >= 0");
        classify("--window", "2", "--out", dir.resolve("t.txt").toString()).assertBadInput(
                "expected a file name ending in .csv, found t.txt");
    }

    @Test
    void existingOutputsAreNotReplacedWithoutForce() throws Exception {
        Files.writeString(dir.resolve("t.png"), "the user's picture");
        classify("--window", "2", "--out", dir.resolve("t.csv").toString()).assertBadInput("--out "
                + dir.resolve("t.png") + ": the file exists; add --force to replace it");
    }
}
