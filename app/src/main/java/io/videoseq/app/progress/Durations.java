package io.videoseq.app.progress;

import java.util.Locale;

/** Short human durations for progress lines: {@code 12.3s}, {@code 4m05s}, {@code 1h02m}. */
public final class Durations {
    private Durations() {
    }

    public static String format(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "-";
        }
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1fs", seconds);
        }
        long s = Math.round(seconds);
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
