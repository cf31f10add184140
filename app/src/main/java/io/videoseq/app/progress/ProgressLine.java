package io.videoseq.app.progress;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one-line progress of an epoch, fitted to the terminal's width: what does not fit is dropped whole, in a fixed
 * order (the bar first, then the sequence count, the speed, the task name), and a number is never cut. progressbar's
 * own renderer does the opposite at 80 columns (the bar shrinks to {@code [ ]} and the line is cut mid-number), which
 * is why videoseq renders the line itself and leaves only the drawing to progressbar.
 *
 * @param task    e.g. {@code [m] epoch 3/25}
 * @param done    sequences done in this epoch
 * @param total   sequences in this epoch
 * @param speed   sequences per second, NaN before the first batch
 * @param loss    the epoch's mean batch loss so far, NaN before the first batch
 * @param etaSecs seconds left in the epoch, NaN when unknown
 */
public record ProgressLine(String task, long done, long total, double speed, double loss, double etaSecs) {
    /** The narrowest bar worth drawing, brackets included. */
    static final int MIN_BAR = 12;

    /** The line for a terminal {@code width} columns wide (at least the percentage, loss and ETA, even if wider). */
    public String render(int width) {
        // In dropping order: the first entries are given up first.
        List<String> optional = new ArrayList<>(List.of("bar", "count", "speed", "task"));
        while (true) {
            String line = compose(optional, width);
            if (line.length() <= width || optional.isEmpty()) {
                return line;
            }
            optional.remove(0);
        }
    }

    private String compose(List<String> keep, int width) {
        double fraction = total > 0 ? Math.min(1.0, (double) done / total) : 0;
        List<String> before = new ArrayList<>();
        if (keep.contains("task")) {
            before.add(task);
        }
        before.add(String.format(Locale.ROOT, "%3d%%", Math.round(fraction * 100)));
        List<String> after = new ArrayList<>();
        if (keep.contains("count")) {
            after.add(done + "/" + total + " seq");
        }
        if (keep.contains("speed") && Double.isFinite(speed)) {
            after.add(String.format(Locale.ROOT, "%.1f seq/s", speed));
        }
        if (Double.isFinite(loss)) {
            after.add(String.format(Locale.ROOT, "loss %.4f", loss));
        }
        after.add("ETA " + Durations.format(etaSecs));
        String head = String.join(" ", before);
        String tail = String.join("  ", after);
        if (!keep.contains("bar")) {
            return head + "  " + tail;
        }
        int barWidth = width - head.length() - tail.length() - 2;
        if (barWidth < MIN_BAR) {
            return head + " " + "x".repeat(width) + " " + tail; // too wide on purpose: the caller drops the bar
        }
        int inner = barWidth - 2;
        int filled = (int) Math.floor(fraction * inner);
        String bar = "[" + "=".repeat(filled) + (filled < inner ? ">" + " ".repeat(inner - filled - 1) : "") + "]";
        return head + " " + bar + " " + tail;
    }
}
