package io.videoseq.app.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** Precision, recall and F1 of every class side by side, in percent: the weak class stands out. */
public final class PerClassBars {
    private PerClassBars() {
    }

    /** All lists in percent, one entry per class name. */
    public static void write(List<String> classNames, List<Double> precision, List<Double> recall, List<Double> f1,
                             String title, Path target) throws IOException {
        int n = classNames.size();
        if (precision.size() != n || recall.size() != n || f1.size() != n) {
            throw new IllegalArgumentException("per-class values: expected " + n + " each");
        }
        CategoryChart chart = new CategoryChartBuilder().width(Math.max(640, 140 + 110 * n)).height(480)
                .title(title).xAxisTitle("class").yAxisTitle("%").build();
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(100.0);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setYAxisDecimalPattern("0");
        chart.getStyler().setLabelsVisible(n <= 8);
        chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
        chart.getStyler().setDecimalPattern("0");
        chart.addSeries("precision", classNames, precision);
        chart.addSeries("recall", classNames, recall);
        chart.addSeries("F1", classNames, f1);
        PngFiles.save(chart, target);
    }
}
