package io.videoseq.video.decode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.AVProbeData;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerScope;

/**
 * The FFmpeg demuxers videoseq opens videos with. A video is a file holding its own frames: container formats
 * only. FFmpeg also probes (and would open) formats that read other files or devices — {@code concat} lists,
 * {@code hls}/DASH playlists, {@code image2} sequences, {@code lavfi} graphs, {@code tee}, devices — and those are
 * how a 39-byte file crashes the JVM (an ffconcat list naming itself), hangs (a live playlist) or reads files
 * elsewhere. FFmpeg enforces the list itself ({@link #FFMPEG_OPTIONS}: {@code format_whitelist},
 * {@code protocol_whitelist=file}); {@link #detect} only names what a refused file is.
 */
public final class InputFormats {
    /**
     * Demuxer names (FFmpeg 5.0), matched by FFmpeg against each name of a demuxer ({@code mov} matches
     * {@code mov,mp4,m4a,3gp,3g2,mj2}). Raw H.264/HEVC elementary streams are allowed: they read only the file
     * and are what cameras and encoders dump; their frame count is bounded by {@link VideoLimits} like any other.
     */
    public static final List<String> ALLOWED = List.of("mov", "mp4", "m4a", "3gp", "3g2", "mj2", "matroska", "webm",
            "avi", "flv", "mpeg", "mpegts", "ogg", "asf", "h264", "hevc");

    /** AVFormatContext options given to every open: only these demuxers, and only the {@code file} protocol. */
    public static final List<String[]> FFMPEG_OPTIONS = List.of(
            new String[] {"format_whitelist", String.join(",", ALLOWED)},
            new String[] {"protocol_whitelist", "file"});

    /** FFmpeg's own probe reads at most this much ({@code PROBE_BUF_MAX}). */
    private static final int PROBE_BYTES = 1 << 20;

    private InputFormats() {
    }

    /** Whether FFmpeg's demuxer {@code name} (possibly a comma-separated list of aliases) is allowed. */
    public static boolean allowed(String name) {
        return name != null && Arrays.stream(name.split(",")).anyMatch(ALLOWED::contains);
    }

    /**
     * The demuxer FFmpeg's probe picks for the file's first bytes and name (the probe functions only look at the
     * bytes; nothing is opened), or null when none fits.
     */
    public static String detect(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(PROBE_BYTES);
        }
        if (head.length == 0) {
            return null; // FFmpeg would go by the name alone.
        }
        try (PointerScope scope = new PointerScope()) {
            // The probe functions may read up to AVPROBE_PADDING_SIZE bytes past buf_size: they must be zeros.
            BytePointer buf = new BytePointer((long) head.length + avformat.AVPROBE_PADDING_SIZE);
            buf.zero();
            buf.put(head, 0, head.length);
            AVProbeData pd = new AVProbeData();
            pd.filename(new BytePointer(file.getFileName().toString()));
            pd.buf(buf);
            pd.buf_size(head.length);
            pd.mime_type(null);
            int[] score = new int[1];
            AVInputFormat f = avformat.av_probe_input_format3(pd, 1, score);
            return f == null || f.isNull() || score[0] <= 0 ? null : f.name().getString();
        }
    }
}
