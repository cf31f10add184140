package io.videoseq.video.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.videoseq.inference.VideoClassifier;
import io.videoseq.inference.timeline.SegmentRule;
import io.videoseq.inference.timeline.Timeline;
import io.videoseq.inference.timeline.WindowListener;
import io.videoseq.inference.timeline.WindowSpec;
import io.videoseq.model.ModelConfig;
import io.videoseq.model.TemporalModelFactory;
import io.videoseq.video.decode.TestVideos;
import io.videoseq.video.decode.VideoLimitException;
import io.videoseq.video.decode.VideoLimits;
import io.videoseq.video.extract.FrameSampling;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Windowed mode's bounds on small synthetic files (a second or so each): the whole-file bounds of
 * {@link VideoLimits} no longer refuse a long file, the progress bounds of {@link WindowLimits} refuse a stream of
 * tiny frames that barely advances in time, a stream longer than its duration bound and a decoder (here the
 * backbone) that stops making progress; a caller's total wall time still applies.
 */
class WindowBoundsTest {
    private static final FrameSampling SAMPLING = FrameSampling.of(4, false);
    private static final WindowSpec SPEC = new WindowSpec(1, 0.5);
    private static VideoClassifier classifier;

    @TempDir
    static Path dir;
    private static Path clip;

    /** An untrained classifier of {@link WindowAssemblerTest.IndexBackbone}'s 2 features: windows, not accuracy. */
    static VideoClassifier tinyClassifier() {
        ModelConfig config = ModelConfig.builder().featureDim(2).hiddenDim(8).numClasses(2).numLstmLayers(1)
                .numAttentionHeads(2).headDims(8, 8, 8).build();
        return VideoClassifier.of(List.of(TemporalModelFactory.build(config)), List.of("a", "b"));
    }

    @BeforeAll
    static void setUp() throws Exception {
        classifier = tinyClassifier();
        // 5 s at 10 fps, 64 x 48.
        clip = TestVideos.clip(dir.resolve("clip.avi"), 64, 48, 50, "mpeg4", "avi", 10);
    }

    private static Timeline timeline(Path video, WindowAssemblerTest.IndexBackbone backbone, VideoLimits limits,
                                     WindowLimits windowLimits) {
        return new WindowedVideo(classifier, backbone, SAMPLING, SPEC, limits, windowLimits)
                .timeline(video, SegmentRule.forWindow(1), WindowListener.NONE);
    }

    @Test
    void theWholeFileBoundsOfVideoLimitsDoNotApply() {
        // 50 frames, 10 allowed per pass and 1 ms for the whole file: a timeline counts progress instead.
        VideoLimits tight = VideoLimits.DEFAULT.withMaxDecodedFrames(10).withMaxSeconds(0.001);
        Timeline t = timeline(clip, new WindowAssemblerTest.IndexBackbone(), tight, WindowLimits.DEFAULT);
        assertEquals(9, t.windows().size(), "windows [0, 1) ... [4, 5)");
        assertEquals(5.0, t.duration(), 1e-9);
    }

    @Test
    void aFileThatStartsAt10SecondsHasWindowsFromItsStart() throws Exception {
        // LONG_VIDEOS.md: times are the stream's minus the file's start time, so windows start at 0 and the
        // duration is the file's 3 s, not 13.
        Path offset = TestVideos.offsetClip(dir.resolve("offset.mp4"), 30, 10, 10);
        Timeline t = timeline(offset, new WindowAssemblerTest.IndexBackbone(), VideoLimits.DEFAULT,
                WindowLimits.DEFAULT);
        assertEquals(3.0, t.duration(), 1e-6);
        assertEquals(5, t.windows().size(), "windows [0, 1) ... [2, 3)");
        for (int k = 0; k < t.windows().size(); k++) {
            assertEquals(0.5 * k, t.windows().get(k).start(), 1e-9);
            assertEquals(0.5 * k, t.windows().get(k).stepTimes()[0], 1e-6, "the first frame at the window's start");
        }
        assertEquals(0, t.segments().get(0).start());
        assertEquals(3.0, t.segments().get(t.segments().size() - 1).end(), 1e-6);
    }

    @Test
    void manyTinyFramesPerSecondOfStreamAreRefused() throws Exception {
        // 1,000 frames of 64 x 48 in one second: frames decoded while no window is decided are counted.
        Path dense = TestVideos.clip(dir.resolve("dense.avi"), 64, 48, 1000, "mpeg4", "avi", 1000);
        VideoLimitException e = assertThrows(VideoLimitException.class, () -> timeline(dense,
                new WindowAssemblerTest.IndexBackbone(), VideoLimits.DEFAULT,
                WindowLimits.DEFAULT.withMaxWindowFrames(200)));
        assertEquals(dense + ": expected at most 200 decoded frames per window (max_window_frames,"
                + " --max-window-frames), found more at frame 200 (0.200 s) before the first window", e.getMessage());
    }

    @Test
    void aStreamLongerThanItsDurationBoundIsRefused() {
        VideoLimitException e = assertThrows(VideoLimitException.class, () -> timeline(clip,
                new WindowAssemblerTest.IndexBackbone(), VideoLimits.DEFAULT, WindowLimits.DEFAULT.withMaxDuration(2)));
        assertEquals(clip + ": expected at most 2 s of video (max_duration, --max-video-duration), found frame 21 at"
                + " 2.1 s", e.getMessage());
    }

    /** A backbone that hangs on its second batch, as a decoder stuck on one frame would. */
    private static final class StuckBackbone extends WindowAssemblerTest.IndexBackbone {
        int calls;

        @Override
        public float[][] featuresOfInputs(float[] nhwc, int n) {
            if (++calls == 2) {
                try {
                    Thread.sleep(1200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return super.featuresOfInputs(nhwc, n);
        }
    }

    @Test
    void noWindowWithinMaxWindowSecondsIsRefusedAtTheNextFrame() {
        VideoLimitException e = assertThrows(VideoLimitException.class, () -> timeline(clip, new StuckBackbone(),
                VideoLimits.DEFAULT, WindowLimits.DEFAULT.withMaxWindowSeconds(1)));
        assertTrue(e.getMessage().startsWith(clip + ": expected each window decided within 1 s"
                + " (max_window_seconds, --max-window-seconds), found "), e.getMessage());
    }

    @Test
    void theCallersTotalWallTimeStillApplies() {
        VideoLimitException e = assertThrows(VideoLimitException.class, () -> timeline(clip, new StuckBackbone(),
                VideoLimits.DEFAULT, WindowLimits.DEFAULT.withMaxSeconds(1)));
        assertTrue(e.getMessage().startsWith(clip + ": expected to be done within 1 s (max_seconds,"
                + " --max-video-seconds), found still running at frame"), e.getMessage());
    }
}
