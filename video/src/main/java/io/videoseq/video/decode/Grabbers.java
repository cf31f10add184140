package io.videoseq.video.decode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * Opens FFmpeg's grabber on a file or a stream within {@link VideoLimits} before any frame is decoded: a regular
 * file, the demuxers and protocol of {@link InputFormats}, the declared frame size; every refusal one line naming
 * the video, and the grabber closed on every failure. {@link VideoDecoder} decodes what it opens.
 */
final class Grabbers {
    private Grabbers() {
    }

    static FFmpegFrameGrabber open(Path file, VideoLimits limits) {
        requireRegularFile(file);
        String format;
        try {
            format = InputFormats.detect(file);
        } catch (IOException e) {
            throw new VideoDecodeException(file, "cannot read: " + osReason(e), e);
        }
        if (format != null && !InputFormats.allowed(format)) {
            throw new VideoDecodeException(file, "expected a video file (" + String.join("/", InputFormats.ALLOWED)
                    + "), found FFmpeg format '" + format + "' (playlists, concat lists, image sequences, devices"
                    + " and other formats that read other files are refused)");
        }
        FFmpegFrameGrabber g = grabber(file);
        // The decoder refuses any frame larger than the cap, also one that grows mid-stream. A stream that declares
        // a larger size already fails to open (avcodec_open2 drops sizes over max_pixels), hence pixels(file).
        g.setVideoOption("max_pixels", String.valueOf(limits.maxPixels()));
        try {
            g.start();
        } catch (FFmpegFrameGrabber.Exception e) {
            closeQuietly(g);
            requirePixels(file, pixels(file), limits);
            throw new VideoDecodeException(file, "FFmpeg cannot open it as a video: " + VideoDecoder.reason(e), e);
        }
        if (!g.hasVideo() || g.getImageWidth() < 1 || g.getImageHeight() < 1) {
            closeQuietly(g);
            requirePixels(file, pixels(file), limits);
            throw new VideoDecodeException(file, "expected a video stream, found none");
        }
        try {
            requirePixels(file, new int[] {g.getImageWidth(), g.getImageHeight()}, limits);
        } catch (VideoLimitException e) {
            closeQuietly(g);
            throw e;
        }
        return g;
    }

    /**
     * A stream has no name to probe and cannot be re-read: FFmpeg's {@code format_whitelist} alone refuses other
     * demuxers, and a frame size over the cap is refused without naming the declared size.
     */
    static FFmpegFrameGrabber open(InputStream in, Path name, VideoLimits limits) {
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(in, 0);
        g.setCloseInputStream(false);
        g.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
        for (String[] o : InputFormats.FFMPEG_OPTIONS) {
            g.setOption(o[0], o[1]);
        }
        g.setVideoOption("max_pixels", String.valueOf(limits.maxPixels()));
        try {
            g.start();
        } catch (FFmpegFrameGrabber.Exception e) {
            closeQuietly(g);
            throw new VideoDecodeException(name, "FFmpeg cannot open the stream as a video ("
                    + String.join("/", InputFormats.ALLOWED) + ", streamable): " + VideoDecoder.reason(e), e);
        }
        if (!g.hasVideo() || g.getImageWidth() < 1 || g.getImageHeight() < 1) {
            closeQuietly(g);
            // What an MP4 whose index (moov) follows its frames gives without seeking: it is the usual case.
            throw new VideoDecodeException(name, "expected a video stream readable without seeking, found none"
                    + " (an MP4 must have its index first: ffmpeg -movflags +faststart, or fragmented; or send"
                    + " Matroska/WebM/MPEG-TS)");
        }
        try {
            requirePixels(name, new int[] {g.getImageWidth(), g.getImageHeight()}, limits);
        } catch (VideoLimitException e) {
            closeQuietly(g);
            throw e;
        }
        return g;
    }

    private static FFmpegFrameGrabber grabber(Path file) {
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile());
        g.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
        for (String[] o : InputFormats.FFMPEG_OPTIONS) {
            g.setOption(o[0], o[1]);
        }
        return g;
    }

    /**
     * The declared width and height of a video that failed to open with the cap; null when it does not open. RAW:
     * JavaCV then allocates no RGB buffer of that size (200 MB for 8192 x 8192).
     */
    private static int[] pixels(Path file) {
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile());
        g.setImageMode(org.bytedeco.javacv.FrameGrabber.ImageMode.RAW);
        for (String[] o : InputFormats.FFMPEG_OPTIONS) {
            g.setOption(o[0], o[1]);
        }
        try {
            g.start();
            return g.hasVideo() ? new int[] {g.getImageWidth(), g.getImageHeight()} : null;
        } catch (FFmpegFrameGrabber.Exception e) {
            return null;
        } finally {
            closeQuietly(g);
        }
    }

    private static void requirePixels(Path file, int[] size, VideoLimits limits) {
        if (size != null && (long) size[0] * size[1] > limits.maxPixels()) {
            throw new VideoLimitException(file, "expected at most " + limits.maxPixels() + " pixels per frame"
                    + " (max_pixels, --max-video-pixels), found " + size[0] + " x " + size[1] + " = "
                    + (long) size[0] * size[1]);
        }
    }

    /** A regular file, or a one-line refusal with the OS's reason (a symbolic link loop is not "no such file"). */
    private static void requireRegularFile(Path file) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new VideoDecodeException(file, "expected a readable video file, found " + osReason(e), e);
        }
        if (!a.isRegularFile()) {
            throw new VideoDecodeException(file, "expected a readable video file, found "
                    + (a.isDirectory() ? "a folder" : "something else (a device, pipe or socket)"));
        }
    }

    private static String osReason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "no permission to read it";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            String r = f.getReason();
            // ELOOP ("Too many levels of symbolic links", which the JDK extends with "or unable to access ...").
            return r.startsWith("Too many levels of symbolic links") ? "a symbolic link loop" : r;
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replaceAll("\\s+", " ");
    }

    private static void closeQuietly(FFmpegFrameGrabber g) {
        try {
            g.close();
        } catch (Exception ignored) {
            // The open failed already; that is the error reported.
        }
    }
}
