package io.videoseq.app.plot;

import io.videoseq.training.metrics.ReliabilityBins;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Calibration at a glance: per confidence bin, the accuracy (points joined) against the mean confidence, beside the
 * diagonal a perfectly calibrated model would follow; each point is labelled in the legend by what it shows and the
 * title gives the ECE. Points above the diagonal: the model is under-confident there; below: over-confident.
 */
public final class ReliabilityDiagram {
    private ReliabilityDiagram() {
    }

    public static void write(ReliabilityBins bins, String title, Path target) throws IOException {
        XYChart chart = new XYChartBuilder().width(620).height(560)
                .title(String.format(Locale.ROOT, "%s — ECE %.3f", title, bins.ece()))
                .xAxisTitle("confidence (top probability)").yAxisTitle("accuracy").build();
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setXAxisDecimalPattern("0.0").setYAxisDecimalPattern("0.0");
        XYSeries diagonal = chart.addSeries("perfect calibration", new double[] {0, 1}, new double[] {0, 1});
        diagonal.setMarker(SeriesMarkers.NONE);
        diagonal.setLineStyle(new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT,
                java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        List<Double> conf = new ArrayList<>();
        List<Double> acc = new ArrayList<>();
        int n = 0;
        for (int b = 0; b < bins.count().length; b++) {
            n += bins.count()[b];
            if (bins.count()[b] > 0) {
                conf.add(bins.meanConfidence()[b]);
                acc.add(bins.accuracy()[b]);
            }
        }
        XYSeries model = chart.addSeries(String.format(Locale.ROOT, "model (%d bins of width %.3f, %d videos)",
                bins.count().length, 1.0 / bins.count().length, n), conf, acc);
        model.setMarker(SeriesMarkers.CIRCLE);
        // How many videos each point stands for: a point of 2 videos far from the diagonal says little.
        for (int b = 0; b < bins.count().length; b++) {
            if (bins.count()[b] > 0) {
                double y = bins.accuracy()[b];
                chart.addAnnotation(new AnnotationText("n=" + bins.count()[b], bins.meanConfidence()[b],
                        y > 0.9 ? y - 0.04 : y + 0.04, false));
            }
        }
        PngFiles.save(chart, target);
    }
}
