package io.videoseq.app.plot;

import io.videoseq.data.io.AtomicFiles;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import javax.imageio.ImageIO;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * A confusion matrix as a heat map PNG with the count in every cell: columns are predicted classes, rows are
 * true classes, the first class at the top (as printed reports show it). {@link #writeNormalized} colours each cell
 * by its share of the true class (rows sum to 100 %) and prints share and count.
 */
public final class ConfusionMatrixPlot {
    static {
        // Java2D text needs fonts; without a display that works only headless (see PngFiles)
        System.setProperty("java.awt.headless", "true");
    }

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

    /**
     * The row-normalized matrix: colour = share of the true class's videos, each cell printing its share and, on a
     * second line, its count. Drawn with Java2D: XChart's heat map prints one number per cell, the one it colours.
     *
     * @param counts {@code counts[true][predicted]}; a class without videos gets an empty row (0 %)
     */
    public static void writeNormalized(long[][] counts, List<String> classNames, String title, Path target)
            throws IOException {
        int n = classNames.size();
        if (counts.length != n) {
            throw new IllegalArgumentException("confusion matrix has " + counts.length + " rows, expected " + n);
        }
        Font labelFont = new Font(Font.SANS_SERIF, Font.BOLD, 13);
        Font cellFont = new Font(Font.SANS_SERIF, Font.PLAIN, n > 8 ? 11 : 14);
        Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, 15);
        Graphics2D probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        FontMetrics lm = probe.getFontMetrics(labelFont);
        int labelWidth = 0;
        for (int k = 0; k < n; k++) {
            labelWidth = Math.max(labelWidth, lm.stringWidth(classNames.get(k) + " (" + rowSum(counts, k) + ")"));
        }
        int cell = Math.max(56, Math.min(110, 640 / Math.max(1, n)));
        int left = 50 + labelWidth + 12;
        int top = 60;
        int grid = cell * n;
        int legend = 90;
        int width = Math.max(left + grid + legend, 40 + probe.getFontMetrics(titleFont).stringWidth(title));
        probe.dispose();
        int height = top + grid + 90;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(titleFont);
        centre(g, title, width / 2, 28);
        g.setFont(cellFont);
        FontMetrics cm = g.getFontMetrics();
        for (int row = 0; row < n; row++) {
            long support = rowSum(counts, row);
            for (int col = 0; col < n; col++) {
                double share = support == 0 ? 0 : (double) counts[row][col] / support;
                int x = left + col * cell;
                int y = top + row * cell;
                g.setColor(shade(share));
                g.fillRect(x, y, cell, cell);
                g.setColor(new Color(0xCCCCCC));
                g.drawRect(x, y, cell, cell);
                g.setColor(share > 0.55 ? Color.WHITE : Color.BLACK);
                int mid = y + cell / 2;
                centre(g, String.format(Locale.ROOT, "%.0f%%", 100 * share), x + cell / 2, mid - 2);
                centre(g, "(" + counts[row][col] + ")", x + cell / 2, mid + cm.getAscent());
            }
        }
        g.setColor(Color.BLACK);
        g.setFont(labelFont);
        for (int k = 0; k < n; k++) {
            String row = classNames.get(k) + " (" + rowSum(counts, k) + ")";
            g.drawString(row, left - 8 - lm.stringWidth(row), top + k * cell + cell / 2 + lm.getAscent() / 2);
            centre(g, classNames.get(k), left + k * cell + cell / 2, top + grid + 20);
        }
        centre(g, "predicted", left + grid / 2, top + grid + 48);
        Graphics2D v = (Graphics2D) g.create();
        v.rotate(-Math.PI / 2);
        centre(v, "true class (videos); each row sums to 100 %", -(top + grid / 2), 22);
        v.dispose();
        // colour scale
        int lx = left + grid + 30;
        for (int i = 0; i < grid; i++) {
            g.setColor(shade(1 - (double) i / grid));
            g.fillRect(lx, top + i, 16, 1);
        }
        g.setColor(Color.BLACK);
        g.drawRect(lx, top, 16, grid);
        g.setFont(cellFont.deriveFont(11f));
        g.drawString("100%", lx + 20, top + 10);
        g.drawString("0%", lx + 20, top + grid);
        g.dispose();
        AtomicFiles.writeStream(target, out -> ImageIO.write(img, "png", out));
    }

    private static long rowSum(long[][] counts, int row) {
        long s = 0;
        for (long c : counts[row]) {
            s += c;
        }
        return s;
    }

    /** White to dark blue by share. */
    private static Color shade(double share) {
        double t = Math.max(0, Math.min(1, share));
        return new Color((int) Math.round(255 - t * (255 - 8)), (int) Math.round(255 - t * (255 - 48)),
                (int) Math.round(255 - t * (255 - 107)));
    }

    private static void centre(Graphics2D g, String s, int x, int baseline) {
        g.drawString(s, x - g.getFontMetrics().stringWidth(s) / 2, baseline);
    }
}
