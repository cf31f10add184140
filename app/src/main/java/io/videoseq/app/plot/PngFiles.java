package io.videoseq.app.plot;

import io.videoseq.data.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** Saves XChart charts as PNG files, atomically, without a display. */
final class PngFiles {
    static {
        // Charts render through AWT; without this a machine with no X server fails at the first font lookup.
        System.setProperty("java.awt.headless", "true");
    }

    private PngFiles() {
    }

    static void save(Chart<?, ?> chart, Path target) throws IOException {
        AtomicFiles.writeStream(target, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }

    /** A grid of equally sized charts, filled row by row. */
    static void saveGrid(List<Chart<?, ?>> charts, int rows, int columns, Path target)
            throws IOException {
        AtomicFiles.writeStream(target, out -> BitmapEncoder.saveBitmap(charts, rows, columns, out,
                BitmapEncoder.BitmapFormat.PNG));
    }
}
