package io.videoseq.inference.timeline;

import java.util.Locale;

/**
 * How windows become segments ({@link Segments}). Each window decides the stretch of time around its centre: from
 * half-way to the previous window's centre to half-way to the next one's (the first from 0, the last to the video's
 * end), so with stride S each window decides S seconds and a boundary between two classes lands between the centres
 * of the last window of the one and the first of the other. Adjacent windows of the same class are one segment.
 * Then hysteresis by duration: a segment shorter than {@code minSeconds} is noise, not an event: the shortest such
 * segment is given to the neighbour whose class its own windows found more probable (mean probability; the earlier
 * neighbour on a tie), neighbours of the same class merge, and this repeats until no segment is shorter (or one is
 * left). {@code minSeconds = 0} keeps every change.
 *
 * @param minSeconds segments shorter than this are merged into a neighbour; by default the window's length
 *                   ({@link #forWindow}), so that a single window that disagrees with both neighbours (its span is one
 *                   stride) does not make a segment unless the stride is the whole window
 */
public record SegmentRule(double minSeconds) {
    public SegmentRule {
        if (!(minSeconds >= 0) || Double.isInfinite(minSeconds)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "--min-segment: expected seconds >= 0, found %s", minSeconds));
        }
    }

    /** The default for windows of {@code windowSeconds}: segments at least one window long. */
    public static SegmentRule forWindow(double windowSeconds) {
        return new SegmentRule(windowSeconds);
    }
}
