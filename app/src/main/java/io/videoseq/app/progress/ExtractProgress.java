package io.videoseq.app.progress;

import io.videoseq.data.Split;
import io.videoseq.video.extract.ExtractionListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * {@code videoseq extract}'s progress: one line per video on stderr with frames, seconds, backbone frames per
 * second and the ETA of the rest (from the videos extracted in this run; cached ones from an interrupted run
 * count as done), one line per skipped video, one per file written.
 */
public final class ExtractProgress implements ExtractionListener {
    private final PrintWriter err;
    private final LongSupplier nanoTime;
    private long start;
    private int computed;
    private int remaining;
    private long backboneFrames;

    public ExtractProgress(PrintWriter err) {
        this(err, System::nanoTime);
    }

    ExtractProgress(PrintWriter err, LongSupplier nanoTime) {
        this.err = err;
        this.nanoTime = nanoTime;
    }

    @Override
    public void started(int videos, int alreadyDone) {
        start = nanoTime.getAsLong();
        remaining = videos - alreadyDone;
        if (alreadyDone > 0) {
            line(String.format(Locale.ROOT, "resuming: %d of %d videos were extracted by an interrupted run",
                    alreadyDone, videos));
        }
    }

    @Override
    public void videoDone(int i, int n, Path video, int frames, int runFrames, boolean cached, double seconds) {
        if (cached) {
            return;
        }
        computed++;
        remaining--;
        backboneFrames += runFrames;
        double elapsed = (nanoTime.getAsLong() - start) / 1e9;
        double perVideo = elapsed / computed;
        line(String.format(Locale.ROOT, "[%d/%d] %s: %d frames (%d through the backbone) in %.1f s, %.1f frames/s,"
                        + " ETA %s", i + 1, n, video.getFileName(), frames, runFrames, seconds,
                elapsed > 0 ? backboneFrames / elapsed : 0.0, Durations.format(perVideo * remaining)));
    }

    @Override
    public void videoSkipped(int i, int n, Path video, String reason) {
        remaining--;
        line(String.format(Locale.ROOT, "[%d/%d] skipped %s", i + 1, n, reason));
    }

    @Override
    public void fileWritten(Split split, Path file, int videos) {
        line(String.format(Locale.ROOT, "wrote %s (%d videos)", file, videos));
    }

    @Override
    public void splitEmpty(Split split, Path file) {
        line(String.format(Locale.ROOT, "no %s video: %s not written", split.fileStem(), file));
    }

    private void line(String s) {
        err.println(s);
        err.flush();
    }
}
