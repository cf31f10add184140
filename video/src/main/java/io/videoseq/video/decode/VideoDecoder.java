package io.videoseq.video.decode;

import io.videoseq.video.RgbFrame;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * Decodes video files with FFmpeg (JavaCV's {@code FFmpegFrameGrabber}, FFmpeg 5.0 of JavaCPP 1.5.7). Frames are
 * numbered by decoding order ({@code 0..count-1}), never by the container's frame count, which is off by a few
 * frames for some files: {@link #countFrames} decodes every frame without converting it, {@link #decode} decodes
 * again and hands each frame asked for, as 8-bit RGB at the video's own size, to a {@link FrameConsumer} as soon as
 * it is decoded, so only one full-size frame exists at a time.
 *
 * <p>Every video is bounded by {@link VideoLimits}: only the demuxers of {@link InputFormats} and the {@code file}
 * protocol, the declared frame size before any frame is decoded, the frames decoded per pass and the wall time
 * (a {@link VideoDeadline}, checked between frames, as is the thread's interrupt flag). The grabber is closed in
 * every case. FFmpeg's log is silenced; every problem is one line naming the file ({@link VideoDecodeException},
 * {@link VideoLimitException} for a bound), with FFmpeg's reason and none of JavaCV's hints.
 */
public final class VideoDecoder {
    static {
        avutil.av_log_set_level(avutil.AV_LOG_QUIET);
    }

    private VideoDecoder() {
    }

    /** Number of decodable video frames, within {@link VideoLimits#DEFAULT}. */
    public static int countFrames(Path file) {
        return countFrames(file, VideoDeadline.start(VideoLimits.DEFAULT));
    }

    /** Number of decodable video frames. */
    public static int countFrames(Path file, VideoDeadline deadline) {
        long max = deadline.limits().maxDecodedFrames();
        try (FFmpegFrameGrabber g = Grabbers.open(file, deadline.limits())) {
            int n = 0;
            try {
                deadline.check(file, n);
                // doProcessing = false: decoded, not converted to RGB.
                while (g.grabFrame(false, true, false, false, false) != null) {
                    n++;
                    if (n > max) {
                        throw new VideoLimitException(file, "expected at most " + max + " decoded frames"
                                + " (max_decoded_frames, --max-video-frames), found more");
                    }
                    deadline.check(file, n);
                }
            } catch (FFmpegFrameGrabber.Exception e) {
                throw new VideoDecodeException(file, "decoding stopped after " + n + " frames: " + reason(e), e);
            }
            if (n == 0) {
                throw new VideoDecodeException(file, "expected at least 1 decodable video frame, found 0");
            }
            return n;
        } catch (org.bytedeco.javacv.FrameGrabber.Exception e) {
            throw new VideoDecodeException(file, "cannot close the decoder: " + reason(e), e);
        }
    }

    /**
     * The frames at {@code indices} (strictly increasing decoded indices), in that order, within
     * {@link VideoLimits#DEFAULT}. Every frame is kept at full size: for a few frames (tests, tools); videos go
     * through {@link #decode}.
     */
    public static List<RgbFrame> frames(Path file, int[] indices) {
        List<RgbFrame> out = new ArrayList<>(indices.length);
        decode(file, indices, VideoDeadline.start(VideoLimits.DEFAULT),
                f -> out.add(new RgbFrame(f.index(), f.width(), f.height(), f.rgb().clone())));
        return out;
    }

    /**
     * Decodes the video up to its frame {@code indices[last]} and gives each frame at {@code indices} (strictly
     * increasing decoded indices) to {@code consumer}, in that order, as it is decoded. The frame's pixel array is
     * reused for the next frame: a consumer that keeps a frame copies it.
     *
     * @throws VideoDecodeException        if the video has fewer frames than the last index needs, or cannot be
     *                                     decoded
     * @throws VideoLimitException         past a bound of the deadline's limits
     * @throws DecodeInterruptedException  when the thread is interrupted
     */
    public static void decode(Path file, int[] indices, VideoDeadline deadline, FrameConsumer consumer) {
        for (int k = 1; k < indices.length; k++) {
            if (indices[k] <= indices[k - 1]) {
                throw new IllegalArgumentException("indices: expected strictly increasing, found " + indices[k - 1]
                        + " then " + indices[k]);
            }
        }
        if (indices.length == 0) {
            return;
        }
        long max = deadline.limits().maxDecodedFrames();
        try (FFmpegFrameGrabber g = Grabbers.open(file, deadline.limits())) {
            int index = 0;
            int next = 0;
            // One pixel array for every frame: a new 48 MB array per 4096 x 4096 frame filled the heap with garbage
            // faster than the collector ran (1.9 GB peak RSS for 20 such frames with a 768 MB heap).
            byte[][] pixels = new byte[1][];
            try {
                while (next < indices.length) {
                    deadline.check(file, index);
                    requireFrameBound(file, index, max);
                    boolean wanted = index == indices[next];
                    Frame f = g.grabFrame(false, true, wanted, false, false);
                    if (f == null) {
                        throw new VideoDecodeException(file, "expected frame " + indices[next] + ", found only "
                                + index + " decodable frames");
                    }
                    if (wanted) {
                        consumer.accept(rgb(file, f, index, deadline.limits(), pixels));
                        next++;
                    }
                    index++;
                }
            } catch (FFmpegFrameGrabber.Exception e) {
                throw new VideoDecodeException(file, "decoding stopped at frame " + index + ": " + reason(e), e);
            }
        } catch (org.bytedeco.javacv.FrameGrabber.Exception e) {
            throw new VideoDecodeException(file, "cannot close the decoder: " + reason(e), e);
        }
    }

    /**
     * Decodes every frame of the video once, in presentation order, and gives each one its time: the stream's own
     * timing ({@code best_effort_timestamp} x the stream's time base, FFmpeg's pts), minus the file's start time
     * ({@code AVFormatContext.start_time}; a file that starts at 10 s starts at 0 here), never a frame count, so a
     * variable frame rate keeps its real times. A frame whose time is not after the previous one's, or more than an
     * hour after it (a missing pts, which JavaCV turns into a huge number), is placed one declared frame duration
     * after it, so times never go back. Only frames
     * the consumer {@link TimedFrameConsumer#wants} are copied out as RGB; all are converted by FFmpeg (the decision
     * needs the time, which comes with the decoded frame). Bounded like {@link #decode}.
     *
     * @return the end of the video in seconds: the last frame's time plus one frame duration
     * @throws VideoDecodeException       if no frame can be decoded, or decoding fails
     * @throws VideoLimitException        past a bound of the deadline's limits
     * @throws DecodeInterruptedException when the thread is interrupted
     */
    public static double decodeTimed(Path file, VideoDeadline deadline, TimedFrameConsumer consumer) {
        try (FFmpegFrameGrabber g = Grabbers.open(file, deadline.limits())) {
            return timed(g, file, deadline, consumer);
        } catch (org.bytedeco.javacv.FrameGrabber.Exception e) {
            throw new VideoDecodeException(file, "cannot close the decoder: " + reason(e), e);
        }
    }

    /**
     * {@link #decodeTimed(Path, VideoDeadline, TimedFrameConsumer)} of a video read from a stream as it arrives (an
     * upload still being received), never seeking: a container that needs its end first (an MP4 whose index is at
     * the end) is refused in one line saying so; Matroska/WebM, MPEG-TS, fragmented MP4, FLV and AVI stream. The
     * same demuxers only (FFmpeg's {@code format_whitelist}), the same bounds; the stream is read until the video
     * ends and is not closed (the caller owns it). A read that blocks is the caller's to bound (its socket's
     * timeout): the deadline is checked between frames.
     *
     * @param name what messages call the video (the upload's name)
     */
    public static double decodeTimed(InputStream in, Path name, VideoDeadline deadline,
                                     TimedFrameConsumer consumer) {
        try (FFmpegFrameGrabber g = Grabbers.open(in, name, deadline.limits())) {
            return timed(g, name, deadline, consumer);
        } catch (org.bytedeco.javacv.FrameGrabber.Exception e) {
            throw new VideoDecodeException(name, "cannot close the decoder: " + reason(e), e);
        }
    }

    private static double timed(FFmpegFrameGrabber g, Path file, VideoDeadline deadline,
                                TimedFrameConsumer consumer) {
        long max = deadline.limits().maxDecodedFrames();
        long start = g.getFormatContext().start_time();
        double rate = g.getFrameRate();
        // A declared rate outside (0, 1000] is not a rate: 25 fps, FFmpeg's own default, spaces such frames.
        double step = rate > 0 && rate <= 1000 ? 1 / rate : 1 / 25.0;
        int index = 0;
        double previous = Double.NaN;
        double duration = step;
        byte[][] pixels = new byte[1][];
        try {
            while (true) {
                deadline.check(file, index);
                requireFrameBound(file, index, max);
                Frame f = g.grabFrame(false, true, true, false, false);
                if (f == null) {
                    break;
                }
                if (f.image == null) {
                    continue;
                }
                if (start == avutil.AV_NOPTS_VALUE) {
                    start = f.timestamp;
                }
                double t = Math.max(0, (f.timestamp - start) / 1e6);
                if (!Double.isNaN(previous)) {
                    if (!(t > previous) || t - previous > 3600) {
                        t = previous + step;
                    }
                    duration = t - previous;
                }
                previous = t;
                if (consumer.wants(index, t)) {
                    consumer.accept(rgb(file, f, index, deadline.limits(), pixels), t);
                }
                index++;
            }
        } catch (FFmpegFrameGrabber.Exception e) {
            throw new VideoDecodeException(file, "decoding stopped at frame " + index + ": " + reason(e), e);
        }
        if (index == 0) {
            throw new VideoDecodeException(file, "expected at least 1 decodable video frame, found 0");
        }
        return previous + duration;
    }

    /** The frame bound of one pass over the video, before frame {@code index} (0-based) is decoded. */
    private static void requireFrameBound(Path file, long index, long max) {
        if (index >= max) {
            throw new VideoLimitException(file, "expected at most " + max + " decoded frames"
                    + " (max_decoded_frames, --max-video-frames), found more");
        }
    }

    /**
     * The frame as RGB in {@code pixels[0]}, reallocated only when the size changes. The grabber was asked for packed
     * RGB24 ({@link Grabbers}), so a row holds 3 bytes a pixel and maybe padding: JavaCV's {@code imageChannels} is
     * only {@code stride / width}, which FFmpeg's row alignment makes 4 or 6 for frames a few pixels wide (16 x 16:
     * 48 bytes of pixels in a 96-byte row), so the row length is what is checked.
     */
    private static RgbFrame rgb(Path file, Frame f, int index, VideoLimits limits, byte[][] pixels) {
        if (f.image == null || f.image.length == 0 || f.imageDepth != Frame.DEPTH_UBYTE || f.imageWidth <= 0
                || f.imageStride < 3 * f.imageWidth) {
            throw new VideoDecodeException(file, "frame " + index + ": expected 8-bit RGB rows of at least 3 bytes a"
                    + " pixel, found " + (f.image == null ? "no image" : f.imageStride + "-byte rows of "
                    + f.imageWidth + " pixels, depth " + f.imageDepth));
        }
        int w = f.imageWidth;
        int h = f.imageHeight;
        if ((long) w * h > limits.maxPixels()) {
            throw new VideoLimitException(file, "frame " + index + ": expected at most " + limits.maxPixels()
                    + " pixels per frame (max_pixels, --max-video-pixels), found " + w + " x " + h);
        }
        ByteBuffer b = ((ByteBuffer) f.image[0]).duplicate();
        int stride = f.imageStride;
        if (pixels[0] == null || pixels[0].length != w * h * 3) {
            pixels[0] = null;
            pixels[0] = new byte[w * h * 3];
        }
        byte[] rgb = pixels[0];
        for (int y = 0; y < h; y++) {
            b.position(y * stride);
            b.get(rgb, y * w * 3, w * 3);
        }
        return new RgbFrame(index, w, h, rgb);
    }

    /** FFmpeg's reason: {@code av_strerror} of the error code JavaCV quotes, without JavaCV's developer hints. */
    static String reason(Exception e) {
        return FFmpegErrors.reason(e.getMessage(), e.getClass().getSimpleName());
    }
}
