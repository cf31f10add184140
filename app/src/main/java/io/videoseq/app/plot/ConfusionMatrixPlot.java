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
import java.util.List;
import java.util.Locale;

/**
 * A confusion matrix as a PNG, drawn with Java2D in one style for both views: columns are predicted classes, rows are
 * true classes (with their number of videos), the first class at the top, white to dark blue. {@link #write} colours
 * each cell by its count (0 is white, the largest count darkest) and prints the count; {@link #writeNormalized}
 * colours each cell by its share of the true class (rows sum to 100 %) and prints share and count. XChart's heat map
 * was used for counts before: it printed counts as decimals, filled zero cells with a saturated colour and prints
 * only the number it colours.
 */
public final class ConfusionMatrixPlot {
    static {
        // Java2D text needs fonts; without a display that works only headless (see PngFiles)
        System.setProperty("java.awt.headless", "true");
    }

    private ConfusionMatrixPlot() {
    }

    /**
     * The counts: each cell coloured by its count relative to the largest cell, printing the count.
     *
     * @param counts     {@code counts[true][predicted]}, square, one row per entry of {@code classNames}
     * @param classNames display names, indexed by class id
     */
    public static void write(long[][] counts, List<String> classNames, String title, Path target)
            throws IOException {
        draw(counts, classNames, title, target, false);
    }

    /**
     * The row-normalized matrix: colour = share of the true class's videos, each cell printing its share and, on a
     * second line, its count.
     *
     * @param counts {@code counts[true][predicted]}; a class without videos gets an empty row (0 %)
     */
    public static void writeNormalized(long[][] counts, List<String> classNames, String title, Path target)
            throws IOException {
        draw(counts, classNames, title, target, true);
    }

    private static void draw(long[][] counts, List<String> classNames, String title, Path target, boolean shares)
            throws IOException {
        int n = classNames.size();
        if (counts.length != n) {
            throw new IllegalArgumentException("confusion matrix has " + counts.length + " rows, expected " + n);
        }
        long max = 0;
        for (int row = 0; row < n; row++) {
            if (counts[row].length != n) {
                throw new IllegalArgumentException("confusion matrix row " + row + " has " + counts[row].length
                        + " columns, expected " + n);
            }
            for (long c : counts[row]) {
                max = Math.max(max, c);
            }
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
        String scaleTop = shares ? "100%" : max + (max == 1 ? " video" : " videos");
        int legend = 30 + 16 + 4 + probe.getFontMetrics(cellFont.deriveFont(11f)).stringWidth(scaleTop) + 16;
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
                long count = counts[row][col];
                double share = support == 0 ? 0 : (double) count / support;
                double colour = shares ? share : max == 0 ? 0 : (double) count / max;
                int x = left + col * cell;
                int y = top + row * cell;
                g.setColor(shade(colour));
                g.fillRect(x, y, cell, cell);
                g.setColor(new Color(0xCCCCCC));
                g.drawRect(x, y, cell, cell);
                g.setColor(colour > 0.55 ? Color.WHITE : Color.BLACK);
                int mid = y + cell / 2;
                if (shares) {
                    centre(g, String.format(Locale.ROOT, "%.0f%%", 100 * share), x + cell / 2, mid - 2);
                    centre(g, "(" + count + ")", x + cell / 2, mid + cm.getAscent());
                } else {
                    centre(g, Long.toString(count), x + cell / 2, mid + cm.getAscent() / 2 - 1);
                }
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
        centre(v, shares ? "true class (videos); each row sums to 100 %" : "true class (videos)",
                -(top + grid / 2), 22);
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
        g.drawString(scaleTop, lx + 20, top + 10);
        g.drawString(shares ? "0%" : "0", lx + 20, top + grid);
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
