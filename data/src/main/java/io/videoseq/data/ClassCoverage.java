package io.videoseq.data;

import java.util.stream.IntStream;

/** Which classes of {@code [0, numClasses)} a split has no video of. */
public final class ClassCoverage {
    private ClassCoverage() {
    }

    /** The class indices in {@code [0, numClasses)} that no label equals, ascending. */
    public static int[] missing(int[] labels, int numClasses) {
        boolean[] seen = new boolean[numClasses];
        for (int label : labels) {
            if (label >= 0 && label < numClasses) {
                seen[label] = true;
            }
        }
        return IntStream.range(0, numClasses).filter(c -> !seen[c]).toArray();
    }

    /**
     * Refuses a training split without a video of some class.
     *
     * @throws FeatureFileException (MISSING_CLASS) naming the file and every missing class index and name
     */
    public static void requireEveryClass(VideoSource split) {
        int[] missing = missing(split.labels(), split.numClasses());
        if (missing.length > 0) {
            throw FeatureFileException.missingClasses(split.path(), missing, split.numClasses(),
                    split.categoryMapping());
        }
    }
}
