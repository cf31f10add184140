package io.videoseq.data;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/** A small valid feature file (3 videos, max 4 frames, 2 features, 2 classes) that tests bend one way or another. */
final class TestLayout {
    long[] featureDims = {3, 4, 2};
    float[] features;
    long[] labels = {0, 1, 1};
    int[] frames = {4, 2, 3};
    long numVideos = 3;
    long maxFrames = 4;
    long featureDim = 2;
    String mapping = "{\"a\": 0, \"b\": 1}";
    final Set<String> omit = new HashSet<>();

    TestLayout() {
        features = new float[3 * 4 * 2];
        for (int i = 0; i < features.length; i++) {
            features[i] = i * 0.5f;
        }
    }

    Path write(Path file) {
        try (Hdf5Writer w = new Hdf5Writer(file)) {
            if (!omit.contains("features")) {
                long n = 1;
                for (long d : featureDims) {
                    n *= d;
                }
                float[] data = java.util.Arrays.copyOf(features, (int) n);
                long[] chunk = featureDims.clone();
                chunk[0] = 1;
                long ds = w.createFloatDataset("features", featureDims, chunk, 4);
                long[] start = new long[featureDims.length];
                w.writeFloatBlock(ds, start, featureDims, data);
                w.closeDataset(ds);
            }
            if (!omit.contains("labels")) {
                w.writeInt64("labels", labels);
            }
            if (!omit.contains("num_frames")) {
                w.writeInt32("num_frames", frames);
            }
            if (!omit.contains("num_videos")) {
                w.attrInt64("num_videos", numVideos);
            }
            if (!omit.contains("max_frames")) {
                w.attrInt64("max_frames", maxFrames);
            }
            if (!omit.contains("feature_dim")) {
                w.attrInt64("feature_dim", featureDim);
            }
            if (!omit.contains("category_mapping")) {
                w.attrString("category_mapping", mapping);
            }
            if (!omit.contains("multi_scale")) {
                w.attrBool("multi_scale", false);
            }
        }
        return file;
    }
}
