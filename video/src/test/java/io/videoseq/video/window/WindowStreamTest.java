package io.videoseq.video.window;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.videoseq.inference.VideoClassifier;
import io.videoseq.inference.timeline.FeatureTimeline;
import io.videoseq.inference.timeline.SegmentRule;
import io.videoseq.inference.timeline.Timeline;
import io.videoseq.inference.timeline.WindowListener;
import io.videoseq.inference.timeline.WindowPrediction;
import io.videoseq.inference.timeline.WindowSpec;
import io.videoseq.video.Preprocessing;
import io.videoseq.video.RgbFrame;
import io.videoseq.video.decode.TestVideos;
import io.videoseq.video.decode.TimedFrameConsumer;
import io.videoseq.video.decode.VideoDeadline;
import io.videoseq.video.decode.VideoDecodeException;
import io.videoseq.video.decode.VideoDecoder;
import io.videoseq.video.decode.VideoLimits;
import io.videoseq.video.extract.FrameSampling;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long video read from a stream as it arrives, as a service receives an upload: windows are told to the listener
 * while the rest of the stream has not been sent yet, they equal those of the same file read from disk, the stream
 * is left open for its owner, and a container that cannot stream is one line.
 */
class WindowStreamTest {
    private static final FrameSampling SAMPLING = FrameSampling.of(4, false);
    private static final WindowSpec SPEC = new WindowSpec(1, 0.5);
    private static VideoClassifier classifier;

    @TempDir
    static Path dir;
    private static Path clip;

    @BeforeAll
    static void setUp() throws Exception {
        classifier = WindowBoundsTest.tinyClassifier();
        // 20 s at 10 fps, 64 x 48, Matroska: a container that streams.
        clip = TestVideos.clip(dir.resolve("clip.mkv"), 64, 48, 200, "mpeg4", "matroska", 10);
    }

    private static WindowedVideo windowed() {
        return new WindowedVideo(classifier, new WindowAssemblerTest.IndexBackbone(), SAMPLING, SPEC,
                VideoLimits.DEFAULT, WindowLimits.DEFAULT);
    }

    /** Counts its closes: the decoder must leave the caller's stream open. */
    private static final class Owned extends FilterInputStream {
        int closes;

        Owned(InputStream in) {
            super(in);
        }

        @Override
        public void close() throws IOException {
            closes++;
            super.close();
        }
    }

    @Test
    void windowsAreToldBeforeTheRestOfTheStreamIsSent() throws Exception {
        byte[] bytes = Files.readAllBytes(clip);
        int half = bytes.length / 2;
        CountDownLatch firstWindow = new CountDownLatch(1);
        AtomicBoolean toldBeforeTheRest = new AtomicBoolean();
        PipedOutputStream upload = new PipedOutputStream();
        Owned in = new Owned(new PipedInputStream(upload, 4096));
        Thread sender = new Thread(() -> {
            try (upload) {
                upload.write(bytes, 0, half);
                upload.flush();
                // The second half is held back until a window is told (or 60 s pass, and the test fails).
                toldBeforeTheRest.set(firstWindow.await(60, TimeUnit.SECONDS));
                upload.write(bytes, half, bytes.length - half);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, "upload");
        sender.start();
        List<WindowPrediction> told = new ArrayList<>();
        Timeline streamed = windowed().timeline(in, Path.of("upload.mkv"), SegmentRule.forWindow(1), w -> {
            told.add(w);
            firstWindow.countDown();
        });
        sender.join(60_000);
        assertTrue(toldBeforeTheRest.get(), "no window was told while half the stream was still unsent");
        assertEquals(0, in.closes, "the stream belongs to the caller");

        Timeline read = windowed().timeline(clip, SegmentRule.forWindow(1), WindowListener.NONE);
        assertEquals(39, read.windows().size(), "windows [0, 1) ... [19, 20)");
        assertEquals(read.windows().size(), streamed.windows().size());
        assertEquals(told, streamed.windows());
        assertEquals(read.duration(), streamed.duration(), 1e-9);
        for (int k = 0; k < read.windows().size(); k++) {
            WindowPrediction a = read.windows().get(k);
            WindowPrediction b = streamed.windows().get(k);
            assertEquals(a.start(), b.start());
            assertArrayEquals(a.stepTimes(), b.stepTimes());
            assertArrayEquals(a.prediction().probabilities(), b.prediction().probabilities());
        }
        assertEquals(read.segments(), streamed.segments());
    }

    /** {@code frames} frames of 320 x 240 random pixels in MP4 at quantizer 2: incompressible, about 90 KB each. */
    private static Path noise(Path file, int frames) throws Exception {
        java.util.Random random = new java.util.Random(7);
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), 320, 240, 0)) {
            r.setFormat("mp4");
            r.setVideoCodecName("mpeg4");
            r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            r.setFrameRate(10);
            r.setVideoQuality(2);
            r.start();
            Frame f = new Frame(320, 240, Frame.DEPTH_UBYTE, 3);
            byte[] pixels = new byte[320 * 240 * 3];
            for (int i = 0; i < frames; i++) {
                random.nextBytes(pixels);
                ((ByteBuffer) f.image[0]).position(0);
                ((ByteBuffer) f.image[0]).put(pixels);
                r.record(f, avutil.AV_PIX_FMT_RGB24);
            }
            r.stop();
        }
        return file;
    }

    @Test
    void anMp4WithItsIndexAtTheEndCannotStreamAndSaysSo() throws Exception {
        // FFmpegFrameRecorder writes the moov atom after the frames: without seeking, FFmpeg reads through the frames
        // to the index and cannot go back to them. A small file fits in FFmpeg's read-ahead buffer, where going back
        // works, so this one is made larger than that (noise at a fixed quantizer: several MB).
        byte[] mp4 = Files.readAllBytes(noise(dir.resolve("noise.mp4"), 80));
        assertTrue(mp4.length > 6_000_000, "size " + mp4.length);
        VideoDecodeException e = assertThrows(VideoDecodeException.class, () -> windowed().timeline(
                new ByteArrayInputStream(mp4), Path.of("upload.mp4"), SegmentRule.forWindow(1), WindowListener.NONE));
        assertEquals("upload.mp4: expected a video stream readable without seeking, found none (an MP4 must have its"
                + " index first: ffmpeg -movflags +faststart, or fragmented; or send Matroska/WebM/MPEG-TS)",
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
    @Test
    void aServiceWithItsOwnFeaturesGetsTheSameTimelineFromTheInferenceModuleAlone() {
        // FeatureTimeline (videoseq-inference) fed every decoded frame's features equals the video pipeline's
        // timeline, which runs the backbone only on the frames windows take.
        WindowAssemblerTest.IndexBackbone backbone = new WindowAssemblerTest.IndexBackbone();
        Preprocessing p = backbone.identity().preprocessing();
        FeatureTimeline own = FeatureTimeline.of(classifier, SPEC, SAMPLING.maxFrames(), SAMPLING.speeds(),
                SegmentRule.forWindow(1), WindowListener.NONE);
        double end = VideoDecoder.decodeTimed(clip, VideoDeadline.start(VideoLimits.DEFAULT), new TimedFrameConsumer() {
            @Override
            public boolean wants(int index, double seconds) {
                return true;
            }

            @Override
            public void accept(RgbFrame frame, double seconds) {
                float[] in = new float[p.valuesPerFrame()];
                p.apply(frame, in, 0);
                own.accept(seconds, backbone.featuresOfInputs(in, 1)[0]);
            }
        });
        Timeline a = own.finish(end);
        Timeline b = windowed().timeline(clip, SegmentRule.forWindow(1), WindowListener.NONE);
        assertEquals(b.windows().size(), a.windows().size());
        for (int k = 0; k < b.windows().size(); k++) {
            assertArrayEquals(b.windows().get(k).stepTimes(), a.windows().get(k).stepTimes());
            assertArrayEquals(b.windows().get(k).prediction().probabilities(),
                    a.windows().get(k).prediction().probabilities());
            assertArrayEquals(b.windows().get(k).saliency(), a.windows().get(k).saliency());
        }
        assertEquals(b.segments(), a.segments());
        assertEquals(b.duration(), a.duration());
    }
}
