package io.videoseq.inference.timeline;

import java.util.ArrayList;
import java.util.List;

/** Windows to segments by a {@link SegmentRule}: what a long video holds, and when. */
public final class Segments {
    private Segments() {
    }

    /**
     * @param windows  in time order, as scored
     * @param videoEnd the end of the video in seconds (the last segment reaches it)
     */
    public static List<Segment> of(List<WindowPrediction> windows, double videoEnd, SegmentRule rule) {
        int n = windows.size();
        if (n == 0) {
            return List.of();
        }
        double[] bound = spans(windows, videoEnd);
        // Runs as [first window, last window + 1, class], merged and relabelled in place.
        List<int[]> runs = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            int c = windows.get(k).predicted();
            if (!runs.isEmpty() && runs.get(runs.size() - 1)[2] == c) {
                runs.get(runs.size() - 1)[1] = k + 1;
            } else {
                runs.add(new int[] {k, k + 1, c});
            }
        }
        while (runs.size() > 1) {
            int shortest = -1;
            for (int r = 0; r < runs.size(); r++) {
                double d = bound[runs.get(r)[1]] - bound[runs.get(r)[0]];
                if (d < rule.minSeconds() && (shortest < 0
                        || d < bound[runs.get(shortest)[1]] - bound[runs.get(shortest)[0]])) {
                    shortest = r;
                }
            }
            if (shortest < 0) {
                break;
            }
            int[] run = runs.get(shortest);
            int[] before = shortest > 0 ? runs.get(shortest - 1) : null;
            int[] after = shortest + 1 < runs.size() ? runs.get(shortest + 1) : null;
            int[] into = before == null ? after : after == null ? before
                    : mean(windows, run, after[2]) > mean(windows, run, before[2]) ? after : before;
            into[0] = Math.min(into[0], run[0]);
            into[1] = Math.max(into[1], run[1]);
            runs.remove(shortest);
            // The run between two neighbours of one class joins them.
            for (int r = runs.size() - 1; r > 0; r--) {
                if (runs.get(r)[2] == runs.get(r - 1)[2]) {
                    runs.get(r - 1)[1] = runs.get(r)[1];
                    runs.remove(r);
                }
            }
        }
        List<Segment> out = new ArrayList<>(runs.size());
        for (int[] r : runs) {
            out.add(new Segment(r[2], windows.get(r[0]).prediction().classNames().get(r[2]), bound[r[0]],
                    bound[r[1]], mean(windows, r, r[2]), r[0], r[1] - r[0]));
        }
        return List.copyOf(out);
    }

    /**
     * The stretch of time each window decides ({@link SegmentRule}): window k from {@code bounds[k]} to
     * {@code bounds[k + 1]}; {@code n + 1} values, the first 0, the last the video's end.
     */
    public static double[] spans(List<WindowPrediction> windows, double videoEnd) {
        int n = windows.size();
        double[] bound = new double[n + 1];
        for (int k = 1; k < n; k++) {
            bound[k] = (windows.get(k - 1).centre() + windows.get(k).centre()) / 2;
        }
        // The video's end, even when the last window's nominal end is past it (its moments were all in the video).
        bound[n] = n == 0 ? videoEnd : Math.max(videoEnd, bound[n - 1]);
        return bound;
    }

    private static double mean(List<WindowPrediction> windows, int[] run, int classIndex) {
        double sum = 0;
        for (int k = run[0]; k < run[1]; k++) {
            sum += windows.get(k).prediction().probability(classIndex);
        }
        return sum / (run[1] - run[0]);
    }
}
