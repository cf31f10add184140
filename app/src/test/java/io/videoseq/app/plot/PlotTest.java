package io.videoseq.app.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.knowm.xchart.XYChart;

class PlotTest {
    @TempDir
    Path dir;

    private static TrainingCurves history(int epochs, int best) {
        List<EpochPoint> points = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            double t = e / (double) epochs;
            points.add(new EpochPoint(e, 1.2 - 0.5 * t, 1.3 - 0.4 * t, 0.4 + 0.4 * t,
                    e == 2 ? Double.NaN : 0.35 + 0.4 * t, 0.3 + 0.4 * t, 1e-3 * Math.cos(t),
                    new double[] {0.2 + 0.5 * t, 0.4 * t, 0.6, 0.1 + t / 2}, 10 + e));
        }
        return new TrainingCurves("m1", List.of("walk", "run", "jump", "sit"), points, best);
    }

    private static BufferedImage decode(Path png) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "not a decodable image: " + png);
        return image;
    }

    private long leftoverTempFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).count();
        }
    }

    @Test
    void dashboardIsAPngOfTheGridSize() throws IOException {
        Path png = dir.resolve("training_progress/m1_current.png");
        TrainingDashboard.write(history(12, 7), png);
        BufferedImage image = decode(png);
        assertEquals(TrainingDashboard.COLUMNS * TrainingDashboard.PANEL_WIDTH, image.getWidth());
        assertEquals(TrainingDashboard.ROWS * TrainingDashboard.PANEL_HEIGHT, image.getHeight());
        assertEquals(6, TrainingDashboard.panels(history(12, 7)).size());
    }

    @Test
    void dashboardIsRewrittenEachEpochIncludingTheFirst() throws IOException {
        Path png = dir.resolve("m1_current.png");
        for (int e = 1; e <= 3; e++) {
            TrainingDashboard.write(history(e, e == 1 ? 0 : 1), png);
            assertEquals(TrainingDashboard.ROWS * TrainingDashboard.PANEL_HEIGHT, decode(png).getHeight());
        }
        assertEquals(0, leftoverTempFiles());
    }

    private static TrainingCurves withRates(double... rates) {
        List<EpochPoint> points = new ArrayList<>();
        for (int e = 1; e <= rates.length; e++) {
            points.add(new EpochPoint(e, 1, 1, 50, 50, 50, rates[e - 1], new double[] {50, 50}, 10));
        }
        return new TrainingCurves("m1", List.of("a", "b"), points, 1);
    }

    private static XYChart learningRatePanel(TrainingCurves c) {
        return (XYChart) TrainingDashboard.panels(c).get(3);
    }

    @Test
    void learningRateIsPlottedLinearlyInUnitsOfAPowerOfTen() {
        // The first three epochs of a cosine cycle from 1e-3: labels of the raw values in 0.0E0 all read 1.0E-3.
        XYChart lr = learningRatePanel(withRates(1e-3, 9.938e-4, 9.755e-4));
        assertEquals("lr (\u00d71e-3)", lr.getYAxisTitle());
        assertFalse(lr.getStyler().isYAxisLogarithmic());
        assertEquals(LearningRateAxis.DECIMAL_PATTERN, lr.getStyler().getYAxisDecimalPattern());
        assertArrayEquals(new double[] {1.0, 0.9938, 0.9755}, lr.getSeriesMap().get("lr").getYData(), 1e-12);
        assertNull(lr.getStyler().getYAxisMin(), "a changing rate keeps XChart's range");
        // Ticks at XChart's step for that range (0.005) keep distinct labels.
        DecimalFormat label = new DecimalFormat(LearningRateAxis.DECIMAL_PATTERN);
        List<String> ticks = Arrays.asList(label.format(0.975), label.format(0.98), label.format(0.985),
                label.format(0.99), label.format(0.995), label.format(1.0));
        assertEquals(List.of("0.975", "0.98", "0.985", "0.99", "0.995", "1"), ticks);
    }

    @Test
    void aConstantLearningRateGetsAnAxisFromZero() {
        XYChart lr = learningRatePanel(withRates(5e-4, 5e-4, 5e-4));
        assertEquals("lr (\u00d71e-4)", lr.getYAxisTitle());
        assertEquals(0.0, lr.getStyler().getYAxisMin());
        assertEquals(6.25, lr.getStyler().getYAxisMax(), 1e-12);
    }

    @ParameterizedTest(name = "{0} -> 1e{1}, constant {2}")
    @CsvSource({
        "'1e-3 9.9e-4', -3, 0",
        "'1e-3 7.2e-6 1e-3', -3, 0",
        "'0.05 0.01', -2, 0",
        "'2.5 1', 0, 0",
        "'3e-4', -4, 3e-4",
        "'0 0', 0, 0",
        "'NaN 2e-5 1e-5', -5, 0",
    })
    void learningRateAxisUnit(String rates, int exponent, double constant) {
        List<Double> values = Arrays.stream(rates.split(" ")).map(Double::valueOf).toList();
        assertEquals(new LearningRateAxis(exponent, constant), LearningRateAxis.of(values));
    }

    @Test
    void curvesRejectAWrongNumberOfPerClassValues() {
        EpochPoint p = new EpochPoint(1, 1, 1, 0.5, 0.5, 0.5, 1e-3, new double[] {0.1}, 1);
        assertThrows(IllegalArgumentException.class, () -> new TrainingCurves("m", List.of("a", "b"),
                List.of(p), 0));
    }

    @Test
    void confusionMatrixIsAPngInTheNormalizedOnesColoursSizedByClassCount() throws IOException {
        Path png = dir.resolve("report_confusion.png");
        ConfusionMatrixPlot.write(new long[][] {{5, 1, 0}, {2, 7, 1}, {0, 0, 9}}, List.of("a", "b", "c"),
                "test set", png);
        BufferedImage image = decode(png);
        int darkest = 0;
        int warm = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                Color c = new Color(image.getRGB(x, y));
                darkest += c.getRed() == 8 && c.getGreen() == 48 && c.getBlue() == 107 ? 1 : 0;
                warm += c.getRed() > c.getBlue() + 40 ? 1 : 0;
            }
        }
        assertTrue(darkest > 56 * 56 / 2, "the largest count (9) in the darkest blue: " + darkest + " pixels");
        assertEquals(0, warm, "white to blue only: no saturated colour for 0 cells");
        Path twelve = dir.resolve("twelve.png");
        long[][] big = new long[12][12];
        List<String> names = java.util.stream.IntStream.range(0, 12).mapToObj(i -> "class" + i).toList();
        ConfusionMatrixPlot.write(big, names, "empty", twelve);
        assertTrue(decode(twelve).getWidth() > image.getWidth());
        assertEquals(0, leftoverTempFiles());
    }

    @Test
    void confusionMatrixMustBeSquare() {
        assertThrows(IllegalArgumentException.class, () -> ConfusionMatrixPlot.write(
                new long[][] {{1, 2}, {3}}, List.of("a", "b"), "t", dir.resolve("x.png")));
    }

    @Test
    void saliencyPartsSplitEachFrameOverTheDurationItCovers() {
        // 4 frames over 20 parts: each frame covers 5 parts; all weight on frame 0 -> 20 % in parts 0..4
        double[] parts = SaliencyStrips.binned(new double[] {1, 0, 0, 0});
        for (int c = 0; c < SaliencyStrips.COLUMNS; c++) {
            assertEquals(c < 5 ? 20.0 : 0.0, parts[c], 1e-12, "part " + c);
        }
        // 3 frames: frame 1 covers parts 6.67..13.33, 15 % per whole part, a third of that in part 6
        parts = SaliencyStrips.binned(new double[] {0, 1, 0});
        assertEquals(0.0, parts[5], 1e-12);
        assertEquals(5.0, parts[6], 1e-9);
        assertEquals(15.0, parts[7], 1e-9);
        assertEquals(5.0, parts[13], 1e-9);
        // one frame spreads over the whole video; any length sums to 100
        assertEquals(5.0, SaliencyStrips.binned(new double[] {1})[19], 1e-12);
        double[] w = new double[37];
        Arrays.fill(w, 1.0 / 37);
        assertEquals(100.0, Arrays.stream(SaliencyStrips.binned(w)).sum(), 1e-9);
    }

    @Test
    void reportPicturesArePngsWithColourWhereTheDataIs() throws IOException {
        Path norm = dir.resolve("n.png");
        ConfusionMatrixPlot.writeNormalized(new long[][] {{5, 1, 0}, {2, 7, 1}, {0, 0, 0}}, List.of("a", "b", "c"),
                "normalized", norm);
        BufferedImage image = decode(norm);
        assertTrue(image.getWidth() > 300 && image.getHeight() > 300);
        Path strips = dir.resolve("s.png");
        SaliencyStrips.write(List.of(new SaliencyStrips.Strip("#1 a", new double[] {0.5, 0.5}),
                new SaliencyStrips.Strip("#2 b", new double[] {0.1, 0.2, 0.7})), "where", strips);
        decode(strips);
        Path hist = dir.resolve("h.png");
        ConfidenceHistogram.write(new double[] {0.9, 0.35, 1.0}, new boolean[] {true, false, true}, 3, "c", hist);
        decode(hist);
        assertThrows(IllegalArgumentException.class, () -> ConfidenceHistogram.write(new double[] {0.5},
                new boolean[0], 2, "c", hist));
        assertThrows(IllegalArgumentException.class, () -> SaliencyStrips.write(List.of(), "w", strips));
        assertEquals(0, leftoverTempFiles());
    }
}
