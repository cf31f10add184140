package io.videoseq.data;

import java.nio.file.Path;
import java.util.Map;

/**
 * What {@code videoseq inspect} prints about one feature file: counts per class (index order of
 * {@code categoryMapping}; null for a file without labels) and frame-count statistics over the real (unpadded)
 * lengths.
 */
public record FileSummary(Path path, int videos, int maxFrames, int featureDim, boolean multiScale,
                          Map<String, Integer> categoryMapping, int[] classCounts, int minLength,
                          double meanLength, int maxLength) {

    static FileSummary of(Path path, FeatureFileHeader h) {
        int[] counts = h.labelled() ? new int[h.categoryMapping().size()] : null;
        long total = 0;
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int i = 0; i < h.numVideos(); i++) {
            if (counts != null) {
                counts[h.labels()[i]]++;
            }
            int len = h.lengths()[i];
            total += len;
            min = Math.min(min, len);
            max = Math.max(max, len);
        }
        return new FileSummary(path, h.numVideos(), h.maxFrames(), h.featureDim(), h.multiScale(),
                h.categoryMapping(), counts, min, (double) total / h.numVideos(), max);
    }

    /** Whether the file has labels (and so {@link #classCounts()}). */
    public boolean labelled() {
        return classCounts != null;
    }

    public int numClasses() {
        return categoryMapping.size();
    }
}
