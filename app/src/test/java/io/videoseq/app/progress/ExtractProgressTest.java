package io.videoseq.app.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.videoseq.data.Split;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ExtractProgressTest {
    @Test
    void oneLinePerVideoWithRateAndEtaFromThisRunsVideosOnly() {
        StringWriter out = new StringWriter();
        long[] now = {0};
        ExtractProgress p = new ExtractProgress(new PrintWriter(out), () -> now[0]);
        p.started(5, 1);
        p.videoDone(0, 5, Path.of("/v/a.mp4"), 8, 8, true, 0.0);
        now[0] = 4_000_000_000L;
        p.videoDone(1, 5, Path.of("/v/b.mp4"), 8, 8, false, 4.0);
        p.videoSkipped(2, 5, Path.of("/v/c.mp4"), "/v/c.mp4: FFmpeg cannot open it as a video: x");
        now[0] = 8_000_000_000L;
        p.videoDone(3, 5, Path.of("/v/d.mp4"), 8, 16, false, 4.0);
        p.fileWritten(Split.TRAIN, Path.of("/o/train_features.h5"), 3);
        p.splitEmpty(Split.TEST, Path.of("/o/test_features.h5"));
        assertEquals(String.join(System.lineSeparator(),
                "resuming: 1 of 5 videos were extracted by an interrupted run",
                "[2/5] b.mp4: 8 frames (8 through the backbone) in 4.0 s, 2.0 frames/s, ETA 12.0s",
                "[3/5] skipped /v/c.mp4: FFmpeg cannot open it as a video: x",
                "[4/5] d.mp4: 8 frames (16 through the backbone) in 4.0 s, 3.0 frames/s, ETA 4.0s",
                "wrote /o/train_features.h5 (3 videos)",
                "no test video: /o/test_features.h5 not written", ""), out.toString());
    }
}
