package io.videoseq.inference.timeline;

import java.util.Locale;

/**
 * Sliding windows over a long video: window k covers {@code [k * stride, k * stride + window)} seconds of the
 * video's own time (its frames' presentation times), and each is classified as a clip.
 *
 * @param windowSeconds the length of each window ({@code --window})
 * @param strideSeconds the time between window starts ({@code --stride}), at most the window, so that windows leave
 *                      no gap; by default half the window ({@link #of(double)})
 */
public record WindowSpec(double windowSeconds, double strideSeconds) {
    /** The shortest window: 10 ms, about a frame of a fast camera; and the longest, a day. */
    public static final double MIN_SECONDS = 0.01;
    public static final double MAX_SECONDS = 86_400;

    public WindowSpec {
        if (!(windowSeconds >= MIN_SECONDS && windowSeconds <= MAX_SECONDS)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "--window: expected seconds in [%s, %s], found %s", MIN_SECONDS, (long) MAX_SECONDS,
                    windowSeconds));
        }
        if (!(strideSeconds >= MIN_SECONDS && strideSeconds <= windowSeconds)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "--stride: expected seconds in [%s, %s] (at most --window, so windows leave no gap), found %s",
                    MIN_SECONDS, windowSeconds, strideSeconds));
        }
    }

    /** Windows of {@code windowSeconds} that overlap by half. */
    public static WindowSpec of(double windowSeconds) {
        return new WindowSpec(windowSeconds, windowSeconds / 2);
    }

    public double start(long k) {
        return k * strideSeconds;
    }
}
