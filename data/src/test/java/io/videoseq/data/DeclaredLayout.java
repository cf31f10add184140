package io.videoseq.data;

import static org.bytedeco.hdf5.global.hdf5.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * A feature file that declares more than it stores, as an attacker writes one in a few KB: every dataset chunked and
 * gzip-compressed, so HDF5 allocates only the chunks written; only the first {@code written} videos are (their
 * {@code frames} real frames 1.0, their label 0, their frame count {@code frames}). The rest reads as fill values.
 */
public final class DeclaredLayout {
    long videos;
    long maxFrames;
    long featureDim;
    int written;
    int frames;
    /** The features' chunk along frames, at most max_frames; 0 = 64. */
    long frameChunk;
    /** The features' chunk along videos. */
    long videoChunk = 1;
    /** False: num_frames and labels are written, the features not at all. */
    boolean featuresWritten = true;
    /** A NaN at this frame of video 0 (-1: none). */
    int nanAt = -1;
    /** Sets the features' creation properties instead of chunks and gzip (null: chunks and gzip). */
    java.util.function.LongConsumer featuresStorage;

    public DeclaredLayout(long videos, long maxFrames, long featureDim, int written, int frames) {
        this.videos = videos;
        this.maxFrames = maxFrames;
        this.featureDim = featureDim;
        this.written = written;
        this.frames = frames;
    }

    /** The features' chunk along frames, at most max_frames (0: 64). */
    public DeclaredLayout frameChunk(long frames) {
        this.frameChunk = frames;
        return this;
    }

    /** Frame counts and labels written, the features not at all. */
    public DeclaredLayout withoutFeatures() {
        this.featuresWritten = false;
        return this;
    }

    public Path write(Path file) {
        synchronized (org.bytedeco.hdf5.global.hdf5.class) {
            long fid = H5Fcreate(file.toString(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
            long t = Math.min(maxFrames, frameChunk > 0 ? frameChunk : 64);
            long features = create(fid, "features", H5T_IEEE_F32LE_g(), new long[] {videos, maxFrames, featureDim},
                    new long[] {videoChunk, t, featureDim}, featuresStorage);
            long labels = create(fid, "labels", H5T_STD_I64LE_g(), new long[] {videos},
                    new long[] {Math.min(videos, 1024)}, null);
            long numFrames = create(fid, "num_frames", H5T_STD_I32LE_g(), new long[] {videos},
                    new long[] {Math.min(videos, 1024)}, null);
            if (written > 0) {
                for (int i = 0; i < written && featuresWritten; i++) {
                    float[] ones = new float[(int) (frames * featureDim)];
                    Arrays.fill(ones, 1f);
                    if (i == 0 && nanAt >= 0) {
                        ones[(int) (nanAt * featureDim + 1)] = Float.NaN;
                    }
                    try (FloatPointer p = new FloatPointer(ones)) {
                        block(features, new long[] {i, 0, 0}, new long[] {1, frames, featureDim}, H5T_NATIVE_FLOAT_g(), p);
                    }
                }
                int[] counts = new int[written];
                Arrays.fill(counts, frames);
                try (IntPointer p = new IntPointer(counts); LongPointer l = new LongPointer(new long[written])) {
                    block(numFrames, new long[] {0}, new long[] {written}, H5T_NATIVE_INT32_g(), p);
                    block(labels, new long[] {0}, new long[] {written}, H5T_NATIVE_INT64_g(), l);
                }
            }
            H5Dclose(features);
            H5Dclose(labels);
            H5Dclose(numFrames);
            attrLong(fid, "num_videos", videos);
            attrLong(fid, "max_frames", maxFrames);
            attrLong(fid, "feature_dim", featureDim);
            attrString(fid, "category_mapping", "{\"a\": 0}");
            attrLong(fid, "multi_scale", 0);
            H5Fclose(fid);
        }
        return file;
    }

    private static long create(long fid, String name, long type, long[] dims, long[] chunk,
                               java.util.function.LongConsumer storage) {
        long dcpl = H5Pcreate(H5P_CLS_DATASET_CREATE_ID_g());
        if (storage != null) {
            storage.accept(dcpl);
        } else {
            H5Pset_chunk(dcpl, chunk.length, chunk);
            H5Pset_deflate(dcpl, 4);
        }
        long space = H5Screate_simple(dims.length, dims, null);
        long ds = H5Dcreate2(fid, name, type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
        H5Sclose(space);
        H5Pclose(dcpl);
        if (ds < 0) {
            throw new IllegalStateException("cannot create " + name);
        }
        return ds;
    }

    private static void block(long ds, long[] start, long[] count, long memType, org.bytedeco.javacpp.Pointer data) {
        long fs = H5Dget_space(ds);
        H5Sselect_hyperslab(fs, H5S_SELECT_SET, start, null, count, null);
        long ms = H5Screate_simple(count.length, count, null);
        int status = H5Dwrite(ds, memType, ms, fs, H5P_DEFAULT, data);
        H5Sclose(ms);
        H5Sclose(fs);
        if (status < 0) {
            throw new IllegalStateException("write failed");
        }
    }

    private static void attrLong(long fid, String name, long value) {
        long space = H5Screate(H5S_SCALAR);
        long attr = H5Acreate2(fid, name, H5T_STD_I64LE_g(), space, H5P_DEFAULT, H5P_DEFAULT);
        try (LongPointer p = new LongPointer(new long[] {value})) {
            H5Awrite(attr, H5T_NATIVE_INT64_g(), p);
        }
        H5Aclose(attr);
        H5Sclose(space);
    }

    private static void attrString(long fid, String name, String value) {
        long type = H5Tcopy(H5T_C_S1_g());
        H5Tset_size(type, H5T_VARIABLE);
        H5Tset_cset(type, H5T_CSET_UTF8);
        long space = H5Screate(H5S_SCALAR);
        long attr = H5Acreate2(fid, name, type, space, H5P_DEFAULT, H5P_DEFAULT);
        try (BytePointer text = new BytePointer(value, StandardCharsets.UTF_8)) {
            H5Awrite(attr, type, new PointerPointer<BytePointer>(1L).put(0, text));
        }
        H5Aclose(attr);
        H5Sclose(space);
        H5Tclose(type);
    }
}
