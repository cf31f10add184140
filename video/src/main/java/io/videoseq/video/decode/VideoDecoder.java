package io.videoseq.video.decode;

import io.videoseq.video.RgbFrame;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * Decodes video files with FFmpeg (JavaCV's {@code FFmpegFrameGrabber}, FFmpeg 5.0 of JavaCPP 1.5.7). Frames are
 * numbered by decoding order ({@code 0..count-1}), never by the container's frame count, which is off by a few
 * frames for some files: {@link #countFrames} decodes every frame without converting it, {@link #frames} decodes
 * again and converts only the frames asked for, to 8-bit RGB at the video's own size. FFmpeg's log is silenced;
 * every problem is a {@link VideoDecodeException} naming the file.
 */
public final class VideoDecoder {
    static {
        avutil.av_log_set_level(avutil.AV_LOG_QUIET);
    }

    private VideoDecoder() {
    }

    /** Number of decodable video frames. */
    public static int countFrames(Path file) {
        try (FFmpegFrameGrabber g = open(file)) {
            int n = 0;
            try {
                // doProcessing = false: decoded, not converted to RGB.
                while (g.grabFrame(false, true, false, false, false) != null) {
                    n++;
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
     * The frames at {@code indices} (strictly increasing decoded indices), in that order.
     *
     * @throws VideoDecodeException if the video has fewer frames than the last index needs
     */
    public static List<RgbFrame> frames(Path file, int[] indices) {
        for (int k = 1; k < indices.length; k++) {
            if (indices[k] <= indices[k - 1]) {
                throw new IllegalArgumentException("indices: expected strictly increasing, found " + indices[k - 1]
                        + " then " + indices[k]);
            }
        }
        List<RgbFrame> out = new ArrayList<>(indices.length);
        if (indices.length == 0) {
            return out;
        }
        try (FFmpegFrameGrabber g = open(file)) {
            int index = 0;
            int next = 0;
            try {
                while (next < indices.length) {
                    boolean wanted = index == indices[next];
                    Frame f = g.grabFrame(false, true, wanted, false, false);
                    if (f == null) {
                        throw new VideoDecodeException(file, "expected frame " + indices[next] + ", found only "
                                + index + " decodable frames");
                    }
                    if (wanted) {
                        out.add(rgb(file, f, index));
                        next++;
                    }
                    index++;
                }
            } catch (FFmpegFrameGrabber.Exception e) {
                throw new VideoDecodeException(file, "decoding stopped at frame " + index + ": " + reason(e), e);
            }
            return out;
        } catch (org.bytedeco.javacv.FrameGrabber.Exception e) {
            throw new VideoDecodeException(file, "cannot close the decoder: " + reason(e), e);
        }
    }

    private static FFmpegFrameGrabber open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new VideoDecodeException(file, "expected a readable video file, found "
                    + (Files.exists(file) ? "something else (a folder?)" : "no such file"));
        }
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile());
        g.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
        try {
            g.start();
        } catch (FFmpegFrameGrabber.Exception e) {
            closeQuietly(g);
            throw new VideoDecodeException(file, "FFmpeg cannot open it as a video: " + reason(e), e);
        }
        if (!g.hasVideo() || g.getImageWidth() < 1 || g.getImageHeight() < 1) {
            closeQuietly(g);
            throw new VideoDecodeException(file, "expected a video stream, found none");
        }
        return g;
    }

    private static RgbFrame rgb(Path file, Frame f, int index) {
        if (f.image == null || f.image.length == 0 || f.imageChannels != 3 || f.imageDepth != Frame.DEPTH_UBYTE) {
            throw new VideoDecodeException(file, "frame " + index + ": expected 8-bit RGB, found "
                    + f.imageChannels + " channels of depth " + f.imageDepth);
        }
        int w = f.imageWidth;
        int h = f.imageHeight;
        ByteBuffer b = ((ByteBuffer) f.image[0]).duplicate();
        int stride = f.imageStride;
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            b.position(y * stride);
            b.get(rgb, y * w * 3, w * 3);
        }
        return new RgbFrame(index, w, h, rgb);
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.replaceAll("\\s+", " ");
    }

    private static void closeQuietly(FFmpegFrameGrabber g) {
        try {
            g.close();
        } catch (Exception ignored) {
            // The open failed already; that is the error reported.
        }
    }
}
