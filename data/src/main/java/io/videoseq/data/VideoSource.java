package io.videoseq.data;

import java.nio.file.Path;
import java.util.Map;

/**
 * A split of labelled videos. Labels are in {@code [0, numClasses())}, where {@code numClasses()} is the size
 * of {@link #categoryMapping()}; lengths are in frames (&ge; 1). {@link #read(int)} returns the real frames
 * only, row-major {@code [length][featureDim]}. Implementations must allow {@code read} from any single
 * thread at a time (iterators may prefetch on a background thread).
 */
public interface VideoSource extends AutoCloseable {
    int size();

    int featureDim();

    int numClasses();

    int label(int i);

    int length(int i);

    /** A copy of all labels, in file order. */
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
