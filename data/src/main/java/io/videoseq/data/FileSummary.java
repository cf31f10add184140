package io.videoseq.data;

import java.nio.file.Path;
import java.util.Map;

/**
 * What {@code videoseq inspect} prints about one feature file: counts per class (index order of
 * {@code categoryMapping}) and frame-count statistics over the real (unpadded) lengths.
 */
public record FileSummary(Path path, int videos, int maxFrames, int featureDim, boolean multiScale,
                          Map<String, Integer> categoryMapping, int[] classCounts, int minLength,
                          double meanLength, int maxLength) {

    static FileSummary of(Path path, FeatureFileHeader h) {
        int[] counts = new int[h.categoryMapping().size()];
        long total = 0;
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int i = 0; i < h.numVideos(); i++) {
            counts[h.labels()[i]]++;
            int len = h.lengths()[i];
            total += len;
            min = Math.min(min, len);
            max = Math.max(max, len);
        }
        return new FileSummary(path, h.numVideos(), h.maxFrames(), h.featureDim(), h.multiScale(),
                h.categoryMapping(), counts, min, (double) total / h.numVideos(), max);
    }

    public int numClasses() {
        return classCounts.length;
    }
}
