package io.videoseq.app.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Where the model looked, one strip per video: its attention-pooling weight over the video's duration, in
 * {@value #COLUMNS} equal parts (each cell the share of attention that part received, in percent, so videos of
 * any length line up and a row sums to 100). Rows are labelled with the video and what the model said.
 */
public final class SaliencyStrips {
    /** Parts of a video's duration a strip shows. */
    public static final int COLUMNS = 20;

    private SaliencyStrips() {
    }

    /**
     * One video's row.
     *
     * @param label   the row's label, e.g. "#12 walk → run 0.93"
     * @param weights its weights, one per real frame
     */
    public record Strip(String label, double[] weights) {
    }

    /** The share of the weight in each of {@link #COLUMNS} equal parts of the video, in percent. */
    public static double[] binned(double[] weights) {
        double[] parts = new double[COLUMNS];
        int t = weights.length;
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        for (int f = 0; f < t; f++) {
            // frame f covers [f/t, (f+1)/t) of the video: split its weight over the parts it overlaps
            double lo = (double) f / t * COLUMNS;
            double hi = (double) (f + 1) / t * COLUMNS;
            for (int c = (int) Math.floor(lo); c < Math.min(COLUMNS, Math.ceil(hi)); c++) {
                double overlap = Math.min(hi, c + 1) - Math.max(lo, c);
                parts[c] += weights[f] * overlap / (hi - lo);
            }
        }
        for (int c = 0; c < COLUMNS; c++) {
            parts[c] = total > 0 ? 100 * parts[c] / total : 0;
        }
        return parts;
    }

    public static void write(List<Strip> strips, String title, Path target) throws IOException {
        if (strips.isEmpty()) {
            throw new IllegalArgumentException("no videos to draw");
        }
        List<String> x = new ArrayList<>();
        for (int c = 0; c < COLUMNS; c++) {
            x.add(String.format(Locale.ROOT, "%d", 100 * c / COLUMNS));
        }
        List<String> y = new ArrayList<>();
        List<Number[]> cells = new ArrayList<>();
        int n = strips.size();
        double top = 0;
        for (int r = 0; r < n; r++) {
            // the heat map's y axis grows upwards: the first strip at the top
            Strip s = strips.get(n - 1 - r);
            y.add(s.label() + " (" + s.weights().length + " frames)");
            double[] parts = binned(s.weights());
            for (int c = 0; c < COLUMNS; c++) {
                cells.add(new Number[] {c, r, parts[c]});
                top = Math.max(top, parts[c]);
            }
        }
        // XChart 3.8.8 prints its colour scale's ends as plain doubles ("14.0", "0.0") whatever the styler's
        // patterns say (tried: decimal pattern, heat-map value pattern and formatter), so the title gives the unit.
        double scaleTop = Math.max(1, Math.ceil(top));
        HeatMapChart chart = new HeatMapChartBuilder().width(1100).height(Math.max(300, 160 + 34 * n))
                .title(String.format(Locale.ROOT, "%s (colour: %% of the video's attention in each part, scale 0-%.0f %%)",
                        title, scaleTop))
                .xAxisTitle("position in the video (% of its frames, part start)")
                .yAxisTitle("video").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setPlotContentSize(1.0);
        chart.getStyler().setShowValue(false);
        chart.getStyler().setMin(0.0);
        // a whole-percent top, so the legend reads "0 .. 14" rather than a 16-digit maximum
        chart.getStyler().setMax(scaleTop);
        chart.getStyler().setRangeColors(new java.awt.Color[] {java.awt.Color.WHITE, new java.awt.Color(0xF4A261),
            new java.awt.Color(0x9B1D20)});
        chart.addSeries("% of attention", x, y, cells);
        PngFiles.save(chart, target);
    }
}
