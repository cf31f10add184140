package io.videoseq.video.decode;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * Turns a JavaCV exception message into FFmpeg's reason. JavaCV 1.5.7 writes e.g. {@code avformat_open_input()
 * error -1094995529: Could not open input "/x.mp4". (Has setFormat() been called?) (For more details, make sure
 * FFmpegLogCallback.set() has been called.)}: the function, FFmpeg's error code, the path again and hints meant for
 * the developer. What the user needs is FFmpeg's text for the code ({@code av_strerror}: "Invalid data found when
 * processing input").
 */
final class FFmpegErrors {
    private static final Pattern CODE = Pattern.compile("error (-?\\d+):");
    /** JavaCV's parenthesised hints, each ending in "called?)" or "called.)" (and holding "()" themselves). */
    private static final Pattern HINT = Pattern.compile("\\s*\\((Has|For more details|Call)[^\\n]*?called[?.]\\)");

    private FFmpegErrors() {
    }

    static String reason(String message, String fallback) {
        if (message == null || message.isBlank()) {
            return fallback;
        }
        Matcher m = CODE.matcher(message);
        if (m.find()) {
            try {
                int code = Integer.parseInt(m.group(1));
                String text = strerror(code);
                if (text != null) {
                    return text;
                }
            } catch (NumberFormatException notAnInt) {
                // Fall through to the stripped message.
            }
        }
        String s = HINT.matcher(message).replaceAll("");
        // "Could not open input "/abs/path"." repeats the path the exception already names.
        s = s.replaceAll(" \"[^\"]*\"", "");
        return s.replaceAll("\\s+", " ").strip();
    }

    /** FFmpeg's text for an AVERROR code, or null when it has none. */
    static String strerror(int code) {
        byte[] buf = new byte[256];
        if (avutil.av_strerror(code, buf, buf.length) < 0) {
            return null;
        }
        int n = 0;
        while (n < buf.length && buf[n] != 0) {
            n++;
        }
        return new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }
}
