package io.videoseq.app.cli;

import io.videoseq.inference.timeline.SegmentRule;
import io.videoseq.inference.timeline.WindowSpec;
import picocli.CommandLine.Option;

/**
 * Where windows start and how they join into segments, for {@code classify --window} and {@code evaluate-timeline}
 * (each declares its own {@code --window}: optional for one, required for the other).
 */
public final class SegmentOptions {
    @Option(names = "--stride", paramLabel = "SECONDS", description = "Time between window starts (default: half"
            + " of --window; at most --window).")
    Double stride;

    @Option(names = "--min-segment", paramLabel = "SECONDS", description = "Segments shorter than this join a"
            + " neighbour (the one their windows found more probable); 0 keeps every change (default: --window).")
    Double minSegment;

    WindowSpec spec(double window) {
        return WindowedOutput.spec(window, stride);
    }

    SegmentRule rule(double window) {
        return WindowedOutput.rule(window, minSegment);
    }
}
