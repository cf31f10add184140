package io.videoseq.app.plot;

import io.videoseq.inference.timeline.Segment;
import io.videoseq.inference.timeline.SegmentMetrics;
import io.videoseq.inference.timeline.Segments;
import io.videoseq.inference.timeline.Timeline;
import io.videoseq.inference.timeline.WindowPrediction;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A long video's timeline as a picture: time across; each window's stretch of time ({@link Segments#spans}) a band
 * in its predicted class's colour, as high as the window's confidence; the segment boundaries as vertical lines,
 * each segment named in the legend's title ("0:00-0:15 bird"); with labels, the true segments' boundaries as dashed
 * red lines.
 */
public final class TimelinePlot {
    private TimelinePlot() {
    }

    public static void write(String video, Timeline t, Path target) throws IOException {
        write(video, t, List.of(), target);
    }

    /** @param truth the video's true segments in time order (none: not drawn) */
    public static void write(String video, Timeline t, List<SegmentMetrics.Truth> truth, Path target)
            throws IOException {
        List<WindowPrediction> windows = t.windows();
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("no windows to draw");
        }
        XYChart chart = new XYChartBuilder().width(1000).height(360).title(title(video, t))
                .xAxisTitle("time (s)").yAxisTitle("confidence").build();
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0).setXAxisMin(0.0).setXAxisMax(t.duration())
                .setYAxisDecimalPattern("0.0");
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        double[] spans = Segments.spans(windows, t.duration());
        List<String> names = windows.get(0).prediction().classNames();
        for (int c = 0; c < names.size(); c++) {
            // A step per window, plus the last window's value again at the end so its band has a width.
            double[] x = new double[windows.size() + 1];
            double[] y = new double[windows.size() + 1];
            boolean any = false;
            for (int k = 0; k <= windows.size(); k++) {
                WindowPrediction w = windows.get(Math.min(k, windows.size() - 1));
                x[k] = spans[k];
                y[k] = w.predicted() == c ? w.confidence() : 0;
                any |= w.predicted() == c;
            }
            if (any) {
                XYSeries s = chart.addSeries(names.get(c), x, y);
                s.setMarker(SeriesMarkers.NONE);
            }
        }
        List<Segment> segments = t.segments();
        double[] predicted = new double[Math.max(0, segments.size() - 1)];
        for (int i = 1; i < segments.size(); i++) {
            predicted[i - 1] = segments.get(i).start();
        }
        boundaries(chart, predicted, "segment boundary", " ", Color.BLACK, new BasicStroke(2f));
        // A boundary where a true segment starts, including after a gap the labels leave unscored.
        double[] real = new double[Math.max(0, truth.size() - 1)];
        for (int i = 1; i < truth.size(); i++) {
            real[i - 1] = truth.get(i).start();
        }
        boundaries(chart, real, "true boundary", "\u2009", Color.RED, new BasicStroke(2f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        PngFiles.save(chart, target);
    }

    private static String title(String video, Timeline t) {
        StringBuilder b = new StringBuilder(video).append(": ");
        for (int i = 0; i < t.segments().size(); i++) {
            Segment s = t.segments().get(i);
            b.append(i == 0 ? "" : ", ").append(clock(s.start())).append('-').append(clock(s.end())).append(' ')
                    .append(s.className());
            if (b.length() > 140) {
                return b.append(", …").toString();
            }
        }
        return b.toString();
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour on. */
    public static String clock(double seconds) {
        long s = Math.round(Math.floor(seconds));
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /**
     * Vertical lines at {@code times}, the first named {@code legend} in the legend and the others hidden from it
     * under names made of {@code pad} (XChart needs a distinct name per series; each kind of line its own pad).
     */
    private static void boundaries(XYChart chart, double[] times, String legend, String pad, Color color,
                                   BasicStroke stroke) {
        for (int i = 0; i < times.length; i++) {
            XYSeries line = chart.addSeries(i == 0 ? legend : pad.repeat(i + 1), new double[] {times[i], times[i]},
                    new double[] {0, 1});
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(color);
            line.setLineStyle(stroke);
            line.setShowInLegend(i == 0);
        }
    }
}
