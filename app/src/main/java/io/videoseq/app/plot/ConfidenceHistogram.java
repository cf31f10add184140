package io.videoseq.app.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * How sure the model was, split by whether it was right: videos per bin of top probability, correct and wrong
 * stacked. Wrong videos at high confidence are the ones to look at first. The bins cover [1/C, 1]: the top of C
 * probabilities is never below 1/C, so bins from 0 would leave the left of the chart empty.
 */
public final class ConfidenceHistogram {
    /** Bins of equal width over [1/C, 1]. */
    public static final int BINS = 10;

    private ConfidenceHistogram() {
    }

    /**
     * @param confidence top probability per video
     * @param correct    whether the top class was the true one, per video
     * @param classes    the number of classes C, at least 2
     */
    public static void write(double[] confidence, boolean[] correct, int classes, String title, Path target)
            throws IOException {
        if (classes < 2) {
            throw new IllegalArgumentException("classes: expected >= 2, found " + classes);
        }
        if (confidence.length != correct.length) {
            throw new IllegalArgumentException("confidence has " + confidence.length + " videos, correct "
                    + correct.length);
        }
        List<String> labels = new ArrayList<>();
        List<Integer> right = new ArrayList<>();
        List<Integer> wrong = new ArrayList<>();
        double low = 1.0 / classes;
        double width = (1 - low) / BINS;
        for (int b = 0; b < BINS; b++) {
            labels.add(String.format(Locale.ROOT, "%.2f–%.2f", low + b * width, low + (b + 1) * width));
            right.add(0);
            wrong.add(0);
        }
        for (int i = 0; i < confidence.length; i++) {
            // (lower, upper] per bin, the first one closed at 1/C.
            int b = Math.min(BINS - 1, Math.max(0, (int) Math.ceil((confidence[i] - low) / width) - 1));
            List<Integer> into = correct[i] ? right : wrong;
            into.set(b, into.get(b) + 1);
        }
        CategoryChart chart = new CategoryChartBuilder().width(720).height(480).title(title)
                .xAxisTitle("confidence (top probability)").yAxisTitle("videos").build();
        chart.getStyler().setStacked(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setSeriesColors(new java.awt.Color[] {new java.awt.Color(0x2E7D32),
            new java.awt.Color(0xC62828)});
        chart.getStyler().setYAxisDecimalPattern("0");
        chart.getStyler().setXAxisLabelRotation(45);
        chart.addSeries("correct", labels, right);
        chart.addSeries("wrong", labels, wrong);
        PngFiles.save(chart, target);
    }
}
