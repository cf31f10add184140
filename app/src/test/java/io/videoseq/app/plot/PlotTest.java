package io.videoseq.app.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void curvesRejectAWrongNumberOfPerClassValues() {
        EpochPoint p = new EpochPoint(1, 1, 1, 0.5, 0.5, 0.5, 1e-3, new double[] {0.1}, 1);
        assertThrows(IllegalArgumentException.class, () -> new TrainingCurves("m", List.of("a", "b"),
                List.of(p), 0));
    }

    @Test
    void confusionMatrixIsAPngSizedByClassCount() throws IOException {
        Path png = dir.resolve("report_confusion.png");
        ConfusionMatrixPlot.write(new long[][] {{5, 1, 0}, {2, 7, 1}, {0, 0, 9}}, List.of("a", "b", "c"),
                "test set", png);
        BufferedImage image = decode(png);
        assertEquals(ConfusionMatrixPlot.sizeFor(3), image.getWidth());
        assertEquals(ConfusionMatrixPlot.sizeFor(3), image.getHeight());
        assertTrue(ConfusionMatrixPlot.sizeFor(12) > ConfusionMatrixPlot.sizeFor(3));
        assertEquals(0, leftoverTempFiles());
    }

    @Test
    void confusionMatrixMustBeSquare() {
        assertThrows(IllegalArgumentException.class, () -> ConfusionMatrixPlot.write(
                new long[][] {{1, 2}, {3}}, List.of("a", "b"), "t", dir.resolve("x.png")));
    }
}
