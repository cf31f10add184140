package io.videoseq.app.report;

import java.nio.file.Path;
import java.util.List;

/**
 * Every file {@code videoseq evaluate --out DIR/NAME.json} writes, beside the report: {@code NAME.html} (the page),
 * {@code NAME_confusion.png}, {@code NAME_confusion_normalized.png}, {@code NAME_reliability.png},
 * {@code NAME_confidence.png}, {@code NAME_per_class.png}, {@code NAME_roc.png}, {@code NAME_saliency.png},
 * {@code NAME_saliency.csv} and {@code NAME_misclassified.csv}. The page links the pictures by file name, so the
 * folder can be moved or served as it is.
 *
 * @param json the report file
 */
public record ReportFiles(Path json) {

    public Path html() {
        return json.resolveSibling(stem() + ".html");
    }

    public Path confusion() {
        return beside("_confusion.png");
    }

    public Path confusionNormalized() {
        return beside("_confusion_normalized.png");
    }

    public Path reliability() {
        return beside("_reliability.png");
    }

    public Path confidence() {
        return beside("_confidence.png");
    }

    public Path perClass() {
        return beside("_per_class.png");
    }

    public Path roc() {
        return beside("_roc.png");
    }

    public Path saliency() {
        return beside("_saliency.png");
    }

    public Path saliencyCsv() {
        return beside("_saliency.csv");
    }

    public Path mistakes() {
        return beside("_misclassified.csv");
    }

    /** All of them, the report first and the page last (the order they are written in). */
    public List<Path> all() {
        return List.of(json, confusion(), confusionNormalized(), reliability(), confidence(), perClass(), roc(),
                saliency(), saliencyCsv(), mistakes(), html());
    }

    private Path beside(String suffix) {
        return json.resolveSibling(stem() + suffix);
    }

    private String stem() {
        String name = json.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
