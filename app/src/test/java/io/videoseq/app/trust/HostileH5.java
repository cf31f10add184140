package io.videoseq.app.trust;

import static org.bytedeco.hdf5.global.hdf5.*;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Feature files an attacker writes in a few KB, with the JavaCPP HDF5 API: every dataset chunked and gzip-compressed,
 * so HDF5 allocates only the chunks written, and only the first {@code written} videos written (their
 * {@code frames} real frames all 1.0, label 0). Everything else the file declares reads as fill values.
 */
final class HostileH5 {
    private HostileH5() {
    }

    static Path write(Path file, long videos, long maxFrames, long featureDim, int written, int frames) {
        return write(file, videos, maxFrames, featureDim, written, frames, true);
    }

    /** As {@link #write(Path, long, long, long, int, int)}; without {@code features} the frame counts only. */
    static Path write(Path file, long videos, long maxFrames, long featureDim, int written, int frames,
                      boolean features) {
        synchronized (org.bytedeco.hdf5.global.hdf5.class) {
            long fid = H5Fcreate(file.toString(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
            long data = create(fid, "features", H5T_IEEE_F32LE_g(), new long[] {videos, maxFrames, featureDim},
                    new long[] {1, Math.min(maxFrames, 4096), featureDim});
            long labels = create(fid, "labels", H5T_STD_I64LE_g(), new long[] {videos},
                    new long[] {Math.min(videos, 1024)});
            long numFrames = create(fid, "num_frames", H5T_STD_I32LE_g(), new long[] {videos},
                    new long[] {Math.min(videos, 1024)});
            if (written > 0 && features) {
                float[] ones = new float[(int) (frames * featureDim)];
                Arrays.fill(ones, 1f);
                try (FloatPointer p = new FloatPointer(ones)) {
                    for (int i = 0; i < written; i++) {
                        block(data, new long[] {i, 0, 0}, new long[] {1, frames, featureDim}, H5T_NATIVE_FLOAT_g(),
                                p);
                    }
                }
            }
            if (written > 0) {
                int[] counts = new int[written];
                Arrays.fill(counts, frames);
                try (IntPointer p = new IntPointer(counts); LongPointer l = new LongPointer(new long[written])) {
                    block(numFrames, new long[] {0}, new long[] {written}, H5T_NATIVE_INT32_g(), p);
                    block(labels, new long[] {0}, new long[] {written}, H5T_NATIVE_INT64_g(), l);
                }
            }
            H5Dclose(data);
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

    /**
     * Makes every chunk index (version-1 B-tree leaf, node type 1: after the 24-byte header, the first key starts with
     * its chunk's stored size) claim 2 GB for its first chunk: the storage the datasets declare exceeds the file.
     */
    static void claimHugeFirstChunks(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        byte[] tree = "TREE".getBytes(StandardCharsets.US_ASCII);
        int patched = 0;
        for (int i = 0; i <= b.length - 28; i++) {
            if (Arrays.equals(b, i, i + 4, tree, 0, 4) && b[i + 4] == 1 && b[i + 5] == 0) {
                ByteBuffer key = ByteBuffer.wrap(b, i + 24, 4).order(ByteOrder.LITTLE_ENDIAN);
                int size = key.getInt(i + 24);
                assertTrue(size > 0 && size < 1 << 20, "first chunk of " + size + " bytes in " + file);
                key.putInt(i + 24, 0x7fff0000);
                patched++;
            }
        }
        assertTrue(patched == 3, patched + " chunk B-tree leaves in " + file);
        Files.write(file, b);
    }

    private static long create(long fid, String name, long type, long[] dims, long[] chunk) {
        long dcpl = H5Pcreate(H5P_CLS_DATASET_CREATE_ID_g());
        H5Pset_chunk(dcpl, chunk.length, chunk);
        H5Pset_deflate(dcpl, 4);
        long space = H5Screate_simple(dims.length, dims, null);
        long ds = H5Dcreate2(fid, name, type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
        H5Sclose(space);
        H5Pclose(dcpl);
        assertTrue(ds >= 0, "cannot create " + name);
        return ds;
    }

    private static void block(long ds, long[] start, long[] count, long memType, org.bytedeco.javacpp.Pointer data) {
        long fs = H5Dget_space(ds);
        H5Sselect_hyperslab(fs, H5S_SELECT_SET, start, null, count, null);
        long ms = H5Screate_simple(count.length, count, null);
        int status = H5Dwrite(ds, memType, ms, fs, H5P_DEFAULT, data);
        H5Sclose(ms);
        H5Sclose(fs);
        assertTrue(status >= 0, "write failed");
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
