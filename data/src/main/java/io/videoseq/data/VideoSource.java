package io.videoseq.data;

import java.nio.file.Path;
import java.util.Map;

/**
 * A split of videos, labelled or not (new videos to classify have no labels). Labels are in
 * {@code [0, numClasses())}, where {@code numClasses()} is the size of {@link #categoryMapping()}; lengths are in
 * frames (&ge; 1). {@link #read(int)} returns the real frames only, row-major {@code [length][featureDim]}, with
 * {@link Sequence#UNLABELED} as the label of an unlabeled split. Implementations must allow {@code read} from any
 * single thread at a time (iterators may prefetch on a background thread).
 */
public interface VideoSource extends AutoCloseable {
    int size();

    int featureDim();

    int numClasses();

    /** Whether the split has true classes; {@link #label} and {@link #labels} need them. */
    default boolean hasLabels() {
        return true;
    }

    /**
     * Refuses an unlabeled split where the true classes are needed.
     *
     * @param purpose why they are needed, e.g. {@code "evaluate compares predictions with the true classes"}
     * @throws FeatureFileException (UNLABELED) naming the file and the missing {@code labels} dataset
     */
    default void requireLabels(String purpose) {
        if (!hasLabels()) {
            throw FeatureFileException.unlabeled(path(), purpose);
        }
    }

    /** @throws FeatureFileException (UNLABELED) when the split has no labels */
    int label(int i);

    int length(int i);

    /**
     * A copy of all labels, in file order.
     *
     * @throws FeatureFileException (UNLABELED) when the split has no labels
     */
    int[] labels();

    /** Class name to class index, ordered by index. */
    Map<String, Integer> categoryMapping();

    /** Class names by class index, from {@link #categoryMapping()} (name to index). */
    default java.util.List<String> classNames() {
        String[] names = new String[numClasses()];
        categoryMapping().forEach((name, index) -> names[index] = name);
        for (int k = 0; k < names.length; k++) {
            names[k] = names[k] == null ? "class_" + k : names[k];
        }
        return java.util.List.of(names);
    }

    Sequence read(int i);

    Path path();

    @Override
    void close();
}
