package io.videoseq.app.report;

import io.videoseq.app.io.OutputFiles;
import io.videoseq.data.io.AtomicFiles;
import io.videoseq.inference.output.Mistakes;
import io.videoseq.inference.output.SaliencyCsv;
import io.videoseq.training.io.Json;
import java.io.IOException;

/**
 * Writes an {@link Evaluation} as the files of {@link ReportFiles}, each atomically; the page last, so a page on
 * disk always has its pictures.
 */
public final class ReportWriter {
    private ReportWriter() {
    }

    /**
     * Refuses before any work when one of the files exists (unless {@code force}).
     *
     * @throws io.videoseq.app.UserInputException naming the file and {@code option}
     */
    public static void requireNew(ReportFiles files, String option, boolean force) {
        for (var p : files.all()) {
            OutputFiles.requireNew(p, option, force);
        }
    }

    public static void write(Evaluation e, ReportFiles files) throws IOException {
        AtomicFiles.writeStream(files.json(), o -> Json.mapper().writeValue(o, e.report()));
        ReportPictures.write(e, files);
        if (e.report().saliencyVideos() != null) {
            AtomicFiles.writeString(files.saliencyCsv(), SaliencyCsv.of(e.report().saliencyVideos().stream()
                    .mapToInt(EvaluationReport.SaliencyVideo::index).toArray(), e.saliency()));
        }
        AtomicFiles.writeString(files.mistakes(), Mistakes.csv(e.mistakes()));
        AtomicFiles.writeString(files.html(), ReportPage.render(e.report(), files));
    }
}
