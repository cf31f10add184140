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

    Sequence read(int i);

    Path path();

    @Override
    void close();
}
