package io.videoseq.video.decode;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * Videos and not-quite-videos the tests make themselves, so no binary is committed: real clips encoded with FFmpeg
 * through JavaCV's recorder, and the text files FFmpeg would read as playlists or concat lists.
 */
public final class TestVideos {
    private TestVideos() {
    }

    /**
     * A clip of {@code frames} frames, each a flat colour that changes with the frame number. {@code codec}:
     * {@code mpeg4} (any size up to 8191), {@code mjpeg} (any size: the huge-resolution cases), {@code libopenh264}
     * (format {@code h264}: a raw Annex B stream; not 8192 x 8192).
     */
    public static Path clip(Path file, int width, int height, int frames, String codec, String format)
            throws Exception {
        return clip(file, width, height, frames, codec, format, 25);
    }

    /** {@link #clip(Path, int, int, int, String, String)} at {@code fps} frames per second. */
    public static Path clip(Path file, int width, int height, int frames, String codec, String format, double fps)
            throws Exception {
        avutil.av_log_set_level(avutil.AV_LOG_QUIET);
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), width, height, 0)) {
            r.setFormat(format);
            r.setVideoCodecName(codec);
            r.setPixelFormat("mjpeg".equals(codec) ? avutil.AV_PIX_FMT_YUVJ420P : avutil.AV_PIX_FMT_YUV420P);
            r.setFrameRate(fps);
            r.setGopSize(250);
            r.start();
            Frame f = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
            ByteBuffer b = (ByteBuffer) f.image[0];
            for (int i = 0; i < frames; i++) {
                b.put(0, (byte) (i * 7));
                r.record(f, avutil.AV_PIX_FMT_RGB24);
            }
            r.stop();
        }
        return file;
    }

    /**
     * {@code frames} frames of one colour each, frame {@code i} red {@code 7 i}, green {@code 255 - 7 i}, blue 0, in
     * Motion JPEG (any size, down to 1 x 1) in AVI.
     */
    public static Path flat(Path file, int width, int height, int frames) throws Exception {
        avutil.av_log_set_level(avutil.AV_LOG_QUIET);
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), width, height, 0)) {
            r.setFormat("avi");
            r.setVideoCodecName("mjpeg");
            r.setPixelFormat(avutil.AV_PIX_FMT_YUVJ444P);
            r.setVideoQuality(1);
            r.setFrameRate(25);
            r.start();
            Frame f = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
            ByteBuffer b = (ByteBuffer) f.image[0];
            for (int i = 0; i < frames; i++) {
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        int at = y * f.imageStride + 3 * x;
                        b.put(at, (byte) (7 * i));
                        b.put(at + 1, (byte) (255 - 7 * i));
                        b.put(at + 2, (byte) 0);
                    }
                }
                r.record(f, avutil.AV_PIX_FMT_RGB24);
            }
            r.stop();
        }
        return file;
    }

    /**
     * {@code frames} frames of 64 x 48 at {@code fps}, MPEG-4 part 2 in MP4, whose timestamps start at
     * {@code offset} seconds (FFmpeg's {@code -output_ts_offset}): the file's {@code start_time} is {@code offset}.
     */
    public static Path offsetClip(Path file, int frames, double fps, double offset) throws Exception {
        avutil.av_log_set_level(avutil.AV_LOG_QUIET);
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), 64, 48, 0)) {
            r.setFormat("mp4");
            r.setVideoCodecName("mpeg4");
            r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            r.setFrameRate(fps);
            r.setOption("output_ts_offset", String.valueOf(Math.round(offset * 1e6)) + "us");
            r.start();
            Frame f = new Frame(64, 48, Frame.DEPTH_UBYTE, 3);
            ByteBuffer b = (ByteBuffer) f.image[0];
            for (int i = 0; i < frames; i++) {
                b.put(0, (byte) (i * 7));
                r.record(f, avutil.AV_PIX_FMT_RGB24);
            }
            r.stop();
        }
        return file;
    }

    /** A small ordinary clip: 64 x 48, {@code frames} frames, MPEG-4 part 2 in AVI. */
    public static Path small(Path file, int frames) throws Exception {
        return clip(file, 64, 48, frames, "mpeg4", "avi");
    }

    /** An FFmpeg concat list ({@code ffconcat version 1.0}) naming {@code entry} {@code times} times. */
    public static Path ffconcat(Path file, String entry, int times) throws Exception {
        StringBuilder b = new StringBuilder("ffconcat version 1.0\n");
        for (int i = 0; i < times; i++) {
            b.append("file ").append(entry).append('\n');
        }
        return Files.writeString(file, b);
    }

    /** A live HLS playlist: segments but no {@code #EXT-X-ENDLIST}, so a player waits for more for ever. */
    public static Path liveHls(Path file, String segment) throws Exception {
        return Files.writeString(file, "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:10\n"
                + "#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:10.0,\n" + segment + "\n");
    }

    /** A finished HLS playlist whose one segment is {@code segment} (e.g. an absolute path elsewhere). */
    public static Path hls(Path file, String segment) throws Exception {
        return Files.writeString(file, String.join("\n", List.of("#EXTM3U", "#EXT-X-VERSION:3",
                "#EXT-X-TARGETDURATION:10", "#EXT-X-MEDIA-SEQUENCE:0", "#EXTINF:10.0,", segment, "#EXT-X-ENDLIST",
                "")));
    }

    /** Two symbolic links pointing at each other; returns one of them. */
    public static Path symlinkLoop(Path dir, String name) throws Exception {
        Path a = dir.resolve(name);
        Path b = dir.resolve(name + ".other");
        Files.createSymbolicLink(a, b.getFileName());
        Files.createSymbolicLink(b, a.getFileName());
        return a;
    }
}
