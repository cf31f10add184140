package io.videoseq.data;

import java.nio.file.Path;

/**
 * A feature file of new videos, without the {@code labels} dataset, used where the true classes are needed
 * (training, evaluation). Classifying such a file needs no labels and works.
 */
public final class UnlabeledFileException extends FeatureFileException {
    public UnlabeledFileException(Path file, String purpose) {
        super(file, FeatureFile.LABELS, -1, "a dataset '" + FeatureFile.LABELS + "' (" + purpose + ")",
                "none (an unlabeled file)", null);
    }
}
