package io.videoseq.data;

import io.videoseq.core.json.JsonMappers;
import io.videoseq.data.io.AtomicFiles;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * Writes one feature file in the layout {@link FeatureFile} reads (h5py-compatible, atomic through
 * {@link AtomicFiles}): {@code features [N, maxFrames, featureDim]} float32, gzip level 4, one chunk per video;
 * {@code labels} int64 (omitted for a file of new videos); {@code num_frames} int32; the root attributes, and
 * {@code feature_extractor} when given. Videos are pulled one at a time from a function, so a file larger than
 * memory can be written.
 *
 * @param featureDim       values per frame
 * @param maxFrames        the padded time axis; every length must be in {@code [1, maxFrames]}
 * @param categoryMapping  class name → index, indices exactly {@code 0..C-1}
 * @param multiScale       the {@code multi_scale} attribute
 * @param featureExtractor JSON object text for {@value FeatureFile#FEATURE_EXTRACTOR}, or null to omit it
 */
public record FeatureFileWriter(int featureDim, int maxFrames, Map<String, Integer> categoryMapping,
                                boolean multiScale, String featureExtractor) {

    public FeatureFileWriter {
        if (featureDim < 1 || maxFrames < 1 || (long) featureDim * maxFrames > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("feature_dim and max_frames: expected >= 1 with a product <= "
                    + Integer.MAX_VALUE + ", found " + featureDim + " and " + maxFrames);
        }
        categoryMapping = new TreeMap<>(categoryMapping);
        boolean[] seen = new boolean[categoryMapping.size()];
        for (Map.Entry<String, Integer> e : categoryMapping.entrySet()) {
            int v = e.getValue();
            if (v < 0 || v >= seen.length || seen[v]) {
                throw new IllegalArgumentException("category_mapping: expected indices exactly 0.."
                        + (seen.length - 1) + ", found " + categoryMapping);
            }
            seen[v] = true;
        }
    }

    /**
     * Writes {@code lengths.length} videos; {@code video.apply(i)} gives video i's {@code [lengths[i] * featureDim]}
     * values, row-major.
     *
     * @param labels class index per video, or null for a file without {@code labels}
     */
    public void write(Path file, int[] lengths, int[] labels, IntFunction<float[]> video) {
        int n = lengths.length;
        if (n < 1 || (labels != null && labels.length != n)) {
            throw new IllegalArgumentException(file + ": expected >= 1 video and one label per video, found "
                    + n + " lengths and " + (labels == null ? "no" : labels.length) + " labels");
        }
        for (int i = 0; i < n; i++) {
            if (lengths[i] < 1 || lengths[i] > maxFrames) {
                throw new IllegalArgumentException(file + ": video " + i + ": expected a length in [1, " + maxFrames
                        + "], found " + lengths[i]);
            }
            if (labels != null && (labels[i] < 0 || labels[i] >= categoryMapping.size())) {
                throw new IllegalArgumentException(file + ": video " + i + ": expected a label in [0, "
                        + categoryMapping.size() + "), found " + labels[i]);
            }
        }
        String mapping = mappingJson();
        AtomicFiles.write(file, tmp -> {
            try (Hdf5Writer w = new Hdf5Writer(tmp)) {
                long ds = w.createFloatDataset(FeatureFile.FEATURES, new long[] {n, maxFrames, featureDim},
                        new long[] {1, maxFrames, featureDim}, 4);
                try {
                    for (int i = 0; i < n; i++) {
                        float[] x = video.apply(i);
                        if (x.length != lengths[i] * featureDim) {
                            throw new IllegalArgumentException(file + ": video " + i + ": expected "
                                    + lengths[i] + " x " + featureDim + " values, found " + x.length);
                        }
                        w.writeFloatBlock(ds, new long[] {i, 0, 0}, new long[] {1, lengths[i], featureDim}, x);
                    }
                } finally {
                    w.closeDataset(ds);
                }
                if (labels != null) {
                    w.writeInt64(FeatureFile.LABELS, Arrays.stream(labels).asLongStream().toArray());
                }
                w.writeInt32(FeatureFile.NUM_FRAMES, lengths);
                w.attrInt64("num_videos", n);
                w.attrInt64("max_frames", maxFrames);
                w.attrInt64("feature_dim", featureDim);
                w.attrString("category_mapping", mapping);
                w.attrBool("multi_scale", multiScale);
                if (featureExtractor != null) {
                    w.attrString(FeatureFile.FEATURE_EXTRACTOR, featureExtractor);
                }
            }
        });
    }

    /**
     * By index, spaced as Python's {@code json.dumps} writes the original's dict ({@code {"walk": 0, "run": 1}}), so a
     * file written here has the attribute an h5py-written one has.
     */
    private String mappingJson() {
        com.fasterxml.jackson.databind.ObjectMapper json = JsonMappers.plain();
        StringBuilder b = new StringBuilder("{");
        categoryMapping.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> {
            try {
                b.append(b.length() > 1 ? ", " : "").append(json.writeValueAsString(e.getKey())).append(": ")
                        .append(e.getValue());
            } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
                throw new IllegalStateException("a String must serialize", x);
            }
        });
        return b.append('}').toString();
    }
}
