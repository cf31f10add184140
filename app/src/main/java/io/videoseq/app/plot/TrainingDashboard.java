package io.videoseq.app.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * The training dashboard PNG: a 3 x 2 grid of panels — loss (train/val), accuracy (train/val), validation
 * weighted F1, learning rate ({@link LearningRateAxis}), validation F1 per class, epoch time — each with the best
 * epoch marked by a vertical line. Rewritten after every epoch, atomically, so a viewer never sees half a file.
 */
public final class TrainingDashboard {
    /** Size of one panel in pixels; the image is {@code COLUMNS * PANEL_WIDTH} by {@code ROWS * PANEL_HEIGHT}. */
    public static final int PANEL_WIDTH = 600;
    public static final int PANEL_HEIGHT = 400;
    public static final int ROWS = 2;
    public static final int COLUMNS = 3;

    private TrainingDashboard() {
    }

    /** Writes the dashboard of {@code curves} to {@code target} (PNG). */
    public static void write(TrainingCurves curves, Path target) throws IOException {
        PngFiles.saveGrid(panels(curves), ROWS, COLUMNS, target);
    }

    static List<Chart<?, ?>> panels(TrainingCurves c) {
        List<Chart<?, ?>> panels = new ArrayList<>();
        XYChart loss = panel(c, "Loss", "loss");
        series(loss, c, "train", EpochPoint::trainLoss);
        series(loss, c, "val", EpochPoint::valLoss);
        panels.add(loss);

        XYChart acc = panel(c, "Accuracy", "accuracy %");
        series(acc, c, "train", EpochPoint::trainAccuracy);
        series(acc, c, "val", EpochPoint::valAccuracy);
        panels.add(acc);

        XYChart f1 = panel(c, "Weighted F1 (val)", "F1 %");
        series(f1, c, "val", EpochPoint::valWeightedF1);
        panels.add(f1);

        LearningRateAxis lrAxis = LearningRateAxis.of(c.epochs().stream().map(EpochPoint::learningRate).toList());
        XYChart lr = panel(c, "Learning rate", lrAxis.title());
        lr.getStyler().setYAxisDecimalPattern(LearningRateAxis.DECIMAL_PATTERN);
        if (lrAxis.constant() > 0) {
            lr.getStyler().setYAxisMin(0.0).setYAxisMax(1.25 * lrAxis.scaled(lrAxis.constant()));
        }
        series(lr, c, "lr", p -> lrAxis.scaled(p.learningRate()));
        panels.add(lr);

        XYChart perClass = panel(c, "F1 per class (val)", "F1 %");
        for (int k = 0; k < c.classNames().size(); k++) {
            int cls = k;
            series(perClass, c, c.classNames().get(k), p -> p.perClassF1()[cls]);
        }
        panels.add(perClass);

        XYChart time = panel(c, "Epoch time", "seconds");
        series(time, c, "time", EpochPoint::seconds);
        panels.add(time);
        return panels;
    }

    private static XYChart panel(TrainingCurves c, String title, String yTitle) {
        String best = c.bestEpoch() > 0 ? " — best epoch " + c.bestEpoch() : "";
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT)
                .title(c.modelName() + ": " + title + best).xAxisTitle("epoch").yAxisTitle(yTitle).build();
        // Below the plot: inside it would hide the curves' ends, where the interesting part is.
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setYAxisDecimalPattern("0.###");
        chart.getStyler().setMarkerSize(5);
        chart.getStyler().setXAxisDecimalPattern("0");
        if (c.bestEpoch() > 0) {
            chart.addAnnotation(new AnnotationLine(c.bestEpoch(), true, false));
        }
        return chart;
    }

    /** Adds a curve; epochs where the value is not finite are skipped, and an empty curve is not drawn. */
    private static void series(XYChart chart, TrainingCurves c, String name, ToDoubleFunction<EpochPoint> value) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (EpochPoint p : c.epochs()) {
            double v = value.applyAsDouble(p);
            if (Double.isFinite(v)) {
                xs.add((double) p.epoch());
                ys.add(v);
            }
        }
        if (!xs.isEmpty()) {
            chart.addSeries(name, xs, ys);
        }
    }
}
