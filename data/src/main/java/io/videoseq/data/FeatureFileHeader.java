package io.videoseq.data;

import io.videoseq.core.json.JsonMappers;
import io.videoseq.data.FeatureFileException.Reason;

import static org.bytedeco.hdf5.global.hdf5.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.bytedeco.javacpp.LongPointer;

/**
 * Everything of a feature file but the feature values, validated. Built under the HDF5 lock. {@code labels} is null
 * when the file has no {@code labels} dataset (new videos to classify); everything else is required.
 */
record FeatureFileHeader(int numVideos, int maxFrames, int featureDim, boolean multiScale,
                         Map<String, Integer> categoryMapping, int[] labels, int[] lengths, String featureExtractor) {

    boolean labelled() {
        return labels != null;
    }

    /** Chunks up to this size are accepted whatever the data; h5py's automatic chunks stay under 1 MiB. */
    static final long MAX_SMALL_CHUNK_BYTES = 64L << 20;

    /**
     * Reads and validates everything but the feature values. Every declared size is checked against
     * {@code limits} and against the storage that backs it ({@link DatasetStorage}) before anything of that size
     * is allocated or read.
     */
    static FeatureFileHeader read(Path file, long fid, FeatureFileLimits limits) {
        long[] featureDims = datasetShape(file, fid, FeatureFile.FEATURES, 3, H5T_FLOAT, "float32");
        // A file of new videos has no labels; a labels link that is there must still be a valid dataset.
        boolean labelled = linkExists(file, fid, FeatureFile.LABELS);
        long[] labelDims = labelled ? datasetShape(file, fid, FeatureFile.LABELS, 1, H5T_INTEGER, "int64") : null;
        long[] frameDims = datasetShape(file, fid, FeatureFile.NUM_FRAMES, 1, H5T_INTEGER, "int32");
        Hdf5Attributes attrs = new Hdf5Attributes(file, fid);
        long numVideos = attrs.integer("num_videos");
        long maxFrames = attrs.integer("max_frames");
        long featureDim = attrs.integer("feature_dim");
        Map<String, Integer> mapping = parseMapping(file, attrs.string("category_mapping"));
        boolean multiScale = attrs.bool("multi_scale");
        String extractor = attrs.has(FeatureFile.FEATURE_EXTRACTOR)
                ? parseExtractor(file, attrs.string(FeatureFile.FEATURE_EXTRACTOR)) : null;

        positive(file, "attribute num_videos", numVideos);
        positive(file, "attribute max_frames", maxFrames);
        positive(file, "attribute feature_dim", featureDim);
        atMost(file, "attribute num_videos", numVideos, FeatureFileLimits.MAX_VIDEOS, "videos (a fixed cap)");
        atMost(file, "attribute max_frames", maxFrames, limits.maxFrames(),
                "frames per video (the frame limit; " + FeatureFileLimits.RAISE_HINT + ")");
        atMost(file, "attribute feature_dim", featureDim, FeatureFileLimits.MAX_FEATURE_DIM,
                "features per frame (a fixed cap)");
        agree(file, FeatureFile.FEATURES, "shape[0] = num_videos = " + numVideos, featureDims[0], numVideos);
        agree(file, FeatureFile.FEATURES, "shape[1] = max_frames = " + maxFrames, featureDims[1], maxFrames);
        agree(file, FeatureFile.FEATURES, "shape[2] = feature_dim = " + featureDim, featureDims[2], featureDim);
        if (labelled) {
            agree(file, FeatureFile.LABELS, "length = num_videos = " + numVideos, labelDims[0], numVideos);
        }
        agree(file, FeatureFile.NUM_FRAMES, "length = num_videos = " + numVideos, frameDims[0], numVideos);
        if ((long) maxFrames * featureDim > Integer.MAX_VALUE) {
            throw new FeatureFileException(Reason.SIZE_LIMIT, file, FeatureFile.FEATURES, -1,
                    "max_frames * feature_dim <= " + Integer.MAX_VALUE + " (one video's values in a Java array)",
                    maxFrames + " * " + featureDim);
        }
        long fileSize = fileSize(file, fid);
        String videos = numVideos + " videos (num_videos)";
        if (labelled) {
            smallDataset(file, fid, fileSize, FeatureFile.LABELS, numVideos, videos);
        }
        smallDataset(file, fid, fileSize, FeatureFile.NUM_FRAMES, numVideos, videos);

        long[] labels = labelled ? readInt64(file, fid, FeatureFile.LABELS, (int) numVideos) : null;
        long[] frames = readInt64(file, fid, FeatureFile.NUM_FRAMES, (int) numVideos);
        int[] labelsOut = labelled ? new int[labels.length] : null;
        int[] framesOut = new int[frames.length];
        for (int i = 0; i < frames.length; i++) {
            if (labelled && (labels[i] < 0 || labels[i] >= mapping.size())) {
                throw new FeatureFileException(Reason.LABEL_OUT_OF_RANGE, file, FeatureFile.LABELS, i,
                        "a label in [0, " + mapping.size() + ") (size of category_mapping)", Long.toString(labels[i]));
            }
            if (frames[i] < 1 || frames[i] > maxFrames) {
                throw new FeatureFileException(Reason.FRAME_COUNT_OUT_OF_RANGE, file, FeatureFile.NUM_FRAMES, i,
                        "a frame count in [1, " + maxFrames + "] (max_frames)", Long.toString(frames[i]));
            }
            if (labelled) {
                labelsOut[i] = (int) labels[i];
            }
            framesOut[i] = (int) frames[i];
        }
        // Only the real frames are ever read: they, not the padded [N, max_frames, feature_dim], must be stored.
        long realFrames = java.util.Arrays.stream(framesOut).asLongStream().sum();
        DatasetStorage features = DatasetStorage.of(file, fid, fileSize, FeatureFile.FEATURES);
        features.requireChunksAtMost(Math.max(features.bytes(maxFrames * featureDim), MAX_SMALL_CHUNK_BYTES),
                "one padded video or " + MAX_SMALL_CHUNK_BYTES + " bytes: HDF5 decompresses whole chunks");
        features.requireBacks(realFrames * featureDim, "the " + realFrames + " real frames x " + featureDim
                + " features of num_frames");
        return new FeatureFileHeader((int) numVideos, (int) maxFrames, (int) featureDim, multiScale, mapping,
                labelsOut, framesOut, extractor);
    }

    /** labels / num_frames, read whole: their storage must back every video, their chunks at most the dataset. */
    private static void smallDataset(Path file, long fid, long fileSize, String name, long n, String what) {
        DatasetStorage s = DatasetStorage.of(file, fid, fileSize, name);
        s.requireChunksAtMost(Math.max(s.bytes(n), MAX_SMALL_CHUNK_BYTES),
                "the dataset or " + MAX_SMALL_CHUNK_BYTES + " bytes: HDF5 decompresses whole chunks");
        s.requireBacks(n, what);
    }

    private static long fileSize(Path file, long fid) {
        long[] size = new long[1];
        if (H5Fget_filesize(fid, size) < 0) {
            throw new FeatureFileException(Reason.TRUNCATED, file, "file", -1, "a file size HDF5 can read",
                    "none (file corrupt)");
        }
        return size[0];
    }

    /** H5Lexists is negative, not 0, when the group's link messages cannot be decoded. */
    private static boolean linkExists(Path file, long fid, String name) {
        int exists = H5Lexists(fid, name, H5P_DEFAULT);
        if (exists < 0) {
            throw new FeatureFileException(Reason.TRUNCATED, file, name, -1, "a readable link table in the root group",
                    "one HDF5 cannot decode (file truncated or corrupt)");
        }
        return exists > 0;
    }

    private static void atMost(Path file, String entry, long value, long max, String what) {
        if (value > max) {
            throw new FeatureFileException(Reason.SIZE_LIMIT, file, entry, -1, "at most " + max + " " + what,
                    Long.toString(value));
        }
    }

    /** The optional extractor record must be a JSON object; its content belongs to whoever wrote it. */
    private static String parseExtractor(Path file, String text) {
        try {
            JsonNode node = JsonMappers.plain().readTree(text);
            if (node != null && node.isObject()) {
                return text;
            }
        } catch (java.io.IOException e) {
            // reported below
        }
        throw new FeatureFileException(Reason.INVALID_ATTRIBUTE, file, "attribute " + FeatureFile.FEATURE_EXTRACTOR, -1,
                "a JSON object (the backbone and preprocessing the features were computed with)",
                "'" + (text.length() > 60 ? text.substring(0, 60) + "…" : text) + "'");
    }

    private static long[] datasetShape(Path file, long fid, String name, int rank, int typeClass, String typeName) {
        if (!linkExists(file, fid, name)) {
            throw new FeatureFileException(Reason.MISSING_ENTRY, file, name, -1, "a dataset '" + name + "'", "none");
        }
        long ds = H5Dopen2(fid, name, H5P_DEFAULT);
        if (ds < 0) {
            throw new FeatureFileException(Reason.MISSING_ENTRY, file, name, -1, "a dataset '" + name + "'",
                    "a link that is not a dataset");
        }
        long space = H5Dget_space(ds);
        long type = H5Dget_type(ds);
        try {
            int cls = H5Tget_class(type);
            if (cls != typeClass) {
                throw new FeatureFileException(Reason.LAYOUT_MISMATCH, file, name, -1, typeName + " elements",
                        Hdf5Attributes.typeClassName(cls) + " elements");
            }
            int found = H5Sget_simple_extent_ndims(space);
            long[] dims = new long[Math.max(found, 1)];
            if (found > 0) {
                H5Sget_simple_extent_dims(space, dims, null);
            }
            if (found != rank) {
                throw new FeatureFileException(Reason.LAYOUT_MISMATCH, file, name, -1, "rank " + rank,
                        "rank " + found + " shape " + java.util.Arrays.toString(dims));
            }
            return dims;
        } finally {
            H5Tclose(type);
            H5Sclose(space);
            H5Dclose(ds);
        }
    }

    private static long[] readInt64(Path file, long fid, String name, int n) {
        long ds = H5Dopen2(fid, name, H5P_DEFAULT);
        try (LongPointer buf = new LongPointer((long) n)) {
            if (H5Dread(ds, H5T_NATIVE_INT64_g(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buf) < 0) {
                throw new FeatureFileException(Reason.TRUNCATED, file, name, -1, "readable integers",
                        "a failed read (file truncated or corrupt)");
            }
            long[] out = new long[n];
            buf.get(out);
            return out;
        } finally {
            H5Dclose(ds);
        }
    }

    private static void positive(Path file, String entry, long value) {
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw new FeatureFileException(Reason.INVALID_ATTRIBUTE, file, entry, -1, "an integer in [1, "
                    + Integer.MAX_VALUE + "]",
                    Long.toString(value));
        }
    }

    private static void agree(Path file, String dataset, String expected, long found, long wanted) {
        if (found != wanted) {
            throw new FeatureFileException(Reason.LAYOUT_MISMATCH, file, dataset, -1, expected, Long.toString(found));
        }
    }

    /** {@code {"walk": 0, ...}}: names to distinct indices 0..C-1; returned ordered by index. */
    static Map<String, Integer> parseMapping(Path file, String json) {
        String entry = "attribute category_mapping";
        String expected = "a JSON object mapping class names to the distinct indices 0..C-1";
        JsonNode node;
        try {
            node = JsonMappers.plain().readTree(json);
        } catch (java.io.IOException e) {
            throw new FeatureFileException(Reason.INVALID_ATTRIBUTE, file, entry, -1, expected, "unparsable JSON "
                    + abbreviate(json));
        }
        if (node == null || !node.isObject() || node.size() == 0) {
            throw new FeatureFileException(Reason.INVALID_ATTRIBUTE, file, entry, -1, expected, abbreviate(json));
        }
        TreeMap<Integer, String> byIndex = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (!v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < 0 || v.intValue() >= node.size()
                    || byIndex.put(v.intValue(), e.getKey()) != null) {
                throw new FeatureFileException(Reason.INVALID_ATTRIBUTE, file, entry, -1, expected,
                        "\"" + e.getKey() + "\": " + v + " in " + abbreviate(json));
            }
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        byIndex.forEach((index, name) -> out.put(name, index));
        return Collections.unmodifiableMap(out);
    }

    private static String abbreviate(String s) {
        String flat = s.replace('\n', ' ');
        return flat.length() <= 120 ? flat : flat.substring(0, 117) + "...";
    }
}
