package io.videoseq.video.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A caller bounds a decode in time: its own interrupt or the limits' wall time stop it at the next frame. */
class DecodeBoundsTest {
    private static final int FRAMES = 3000;

    @TempDir
    static Path dir;
    static Path longVideo;

    @BeforeAll
    static void makeALongVideo() throws Exception {
        longVideo = TestVideos.clip(dir.resolve("long.avi"), 320, 240, FRAMES, "mpeg4", "avi");
    }

    @Test
    void anInterruptStopsTheDecodePromptlyWithATypedException() throws Exception {
        CountDownLatch firstFrame = new CountDownLatch(1);
        AtomicInteger frames = new AtomicInteger();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                VideoDecoder.decode(longVideo, IntStream.range(0, FRAMES).toArray(),
                        VideoDeadline.start(VideoLimits.DEFAULT), f -> {
                            frames.incrementAndGet();
                            firstFrame.countDown();
                        });
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.start();
        assertTrue(firstFrame.await(30, TimeUnit.SECONDS), "no frame decoded");
        long interrupted = System.nanoTime();
        t.interrupt();
        t.join(5000);
        double seconds = (System.nanoTime() - interrupted) / 1e9;
        assertTrue(!t.isAlive() && seconds < 1, "still decoding " + seconds + " s after the interrupt");
        DecodeInterruptedException e = assertInstanceOf(DecodeInterruptedException.class, thrown.get());
        assertTrue(e.getMessage().startsWith(longVideo + ": decoding interrupted at frame "), e.getMessage());
        assertTrue(frames.get() < FRAMES, "stopped before the end: " + frames.get());
    }

    @Test
    void theCountPassStopsOnInterruptToo() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            Thread.currentThread().interrupt();
            try {
                VideoDecoder.countFrames(longVideo, VideoDeadline.start(VideoLimits.DEFAULT));
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.start();
        t.join(10_000);
        assertInstanceOf(DecodeInterruptedException.class, thrown.get());
    }

    @Test
    void theWallTimeStopsAVideoThatTakesTooLong() {
        long start = System.nanoTime();
        VideoLimitException e = assertThrows(VideoLimitException.class, () -> VideoDecoder.decode(longVideo,
                IntStream.range(0, FRAMES).toArray(), VideoDeadline.start(VideoLimits.DEFAULT.withMaxSeconds(0.2)),
                f -> { }));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds < 2, "took " + seconds + " s");
        assertTrue(e.getMessage().startsWith(longVideo + ": expected to be done within 0.2 s (max_seconds,"
                + " --max-video-seconds), found still running at frame "), e.getMessage());
        assertEquals(FRAMES, VideoDecoder.countFrames(longVideo));
    }
}
