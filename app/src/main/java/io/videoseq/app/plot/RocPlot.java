package io.videoseq.app.plot;

import io.videoseq.training.metrics.RocCurve;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** One-vs-rest ROC curves, one per class, each with its AUC in the legend, over the chance diagonal. */
public final class RocPlot {
    private RocPlot() {
    }

    /** @param curves per class, null for a class without positives or negatives (left out, said in the legend) */
    public static void write(List<RocCurve> curves, List<String> classNames, String title, Path target)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(640).height(600).title(title)
                .xAxisTitle("false positive rate").yAxisTitle("true positive rate").build();
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setXAxisDecimalPattern("0.0").setYAxisDecimalPattern("0.0");
        XYSeries chance = chart.addSeries("chance (AUC 0.5)", new double[] {0, 1}, new double[] {0, 1});
        chance.setMarker(SeriesMarkers.NONE);
        chance.setLineColor(java.awt.Color.GRAY);
        for (int k = 0; k < classNames.size(); k++) {
            RocCurve c = curves.get(k);
            if (c == null) {
                continue;
            }
            XYSeries s = chart.addSeries(String.format(Locale.ROOT, "%s (AUC %.3f)", classNames.get(k), c.area()),
                    c.falsePositiveRate(), c.truePositiveRate());
            s.setMarker(SeriesMarkers.NONE);
        }
        PngFiles.save(chart, target);
    }
}
