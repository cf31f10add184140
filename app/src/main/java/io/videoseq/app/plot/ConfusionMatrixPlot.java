package io.videoseq.app.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * A confusion matrix as a heat map PNG with the count in every cell: columns are predicted classes, rows are
 * true classes, the first class at the top (as printed reports show it).
 */
public final class ConfusionMatrixPlot {
    private ConfusionMatrixPlot() {
    }

    /** Image side in pixels for {@code numClasses} classes: room for the labels plus a cell per class. */
    public static int sizeFor(int numClasses) {
        return Math.max(500, 200 + 90 * numClasses);
    }

    /**
     * @param counts     {@code counts[true][predicted]}, square, one row per entry of {@code classNames}
     * @param classNames display names, indexed by class id
     */
    public static void write(long[][] counts, List<String> classNames, String title, Path target)
            throws IOException {
        int n = classNames.size();
        if (counts.length != n) {
            throw new IllegalArgumentException("confusion matrix has " + counts.length + " rows, expected " + n);
        }
        List<String> predicted = new ArrayList<>(classNames);
        List<String> actual = new ArrayList<>();
        List<Number[]> cells = new ArrayList<>();
        for (int row = 0; row < n; row++) {
            if (counts[row].length != n) {
                throw new IllegalArgumentException("confusion matrix row " + row + " has " + counts[row].length
                        + " columns, expected " + n);
            }
            // The heat map's y axis grows upwards, so true classes are listed bottom-up.
            actual.add(classNames.get(n - 1 - row));
            for (int col = 0; col < n; col++) {
                cells.add(new Number[] {col, n - 1 - row, counts[row][col]});
            }
        }
        int side = sizeFor(n);
        HeatMapChart chart = new HeatMapChartBuilder().width(side).height(side).title(title)
                .xAxisTitle("predicted").yAxisTitle("true").build();
        chart.getStyler().setShowValue(true);
        chart.getStyler().setHeatMapValueDecimalPattern("0");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setPlotContentSize(1.0);
        chart.addSeries("counts", predicted, actual, cells);
        PngFiles.save(chart, target);
    }
}
