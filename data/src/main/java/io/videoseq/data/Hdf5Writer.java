package io.videoseq.data;

import static org.bytedeco.hdf5.global.hdf5.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Writes datasets and root attributes the way h5py does (int64 scalar attributes, variable-length UTF-8
 * string attributes, numpy bool as an int8 enum FALSE/TRUE). Every call takes the HDF5 lock.
 */
final class Hdf5Writer implements AutoCloseable {
    private final Path file;
    private long fid;

    Hdf5Writer(Path file) {
        this.file = file;
        this.fid = Hdf5.locked(() -> H5Fcreate(file.toString(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT));
        if (fid < 0) {
            throw new IllegalStateException(file + ": cannot create HDF5 file");
        }
    }

    private void check(int status, String what) {
        if (status < 0) {
            throw new IllegalStateException(file + ": HDF5 write of " + what + " failed");
        }
    }

    /** Creates a float32 dataset, gzip-compressed in the given chunks when {@code gzipLevel >= 0}; returns its id. */
    long createFloatDataset(String name, long[] dims, long[] chunk, int gzipLevel) {
        return Hdf5.locked(() -> {
            long dcpl = H5Pcreate(H5P_CLS_DATASET_CREATE_ID_g());
            if (chunk != null) {
                H5Pset_chunk(dcpl, chunk.length, chunk);
                if (gzipLevel >= 0) {
                    H5Pset_deflate(dcpl, gzipLevel);
                }
            }
            long space = H5Screate_simple(dims.length, dims, null);
            long ds = H5Dcreate2(fid, name, H5T_IEEE_F32LE_g(), space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
            H5Sclose(space);
            H5Pclose(dcpl);
            if (ds < 0) {
                throw new IllegalStateException(file + ": cannot create dataset " + name);
            }
            return ds;
        });
    }

    /** Writes {@code values} into the block {@code [start, start + count)} of a dataset made by {@link #createFloatDataset}. */
    void writeFloatBlock(long dataset, long[] start, long[] count, float[] values) {
        Hdf5.locked(() -> {
            long fs = H5Dget_space(dataset);
            H5Sselect_hyperslab(fs, H5S_SELECT_SET, start, null, count, null);
            long ms = H5Screate_simple(1, new long[] {values.length}, null);
            try (FloatPointer p = new FloatPointer(values)) {
                check(H5Dwrite(dataset, H5T_NATIVE_FLOAT_g(), ms, fs, H5P_DEFAULT, p), "float block");
            } finally {
                H5Sclose(ms);
                H5Sclose(fs);
            }
        });
    }

    void closeDataset(long dataset) {
        Hdf5.locked(() -> {
            H5Dclose(dataset);
        });
    }

    void writeFloats(String name, long[] dims, float[] values) {
        long ds = createFloatDataset(name, dims, null, -1);
        Hdf5.locked(() -> {
            try (FloatPointer p = new FloatPointer(values)) {
                check(H5Dwrite(ds, H5T_NATIVE_FLOAT_g(), H5S_ALL, H5S_ALL, H5P_DEFAULT, p), name);
            } finally {
                H5Dclose(ds);
            }
        });
    }

    void writeInt64(String name, long[] values) {
        writeInts(name, new long[] {values.length}, H5T_STD_I64LE_g(), H5T_NATIVE_INT64_g(), new LongPointer(values));
    }

    void writeInt32(String name, int[] values) {
        writeInts(name, new long[] {values.length}, H5T_STD_I32LE_g(), H5T_NATIVE_INT32_g(), new IntPointer(values));
    }

    private void writeInts(String name, long[] dims, long fileType, long memType, org.bytedeco.javacpp.Pointer data) {
        Hdf5.locked(() -> {
            long space = H5Screate_simple(dims.length, dims, null);
            long ds = H5Dcreate2(fid, name, fileType, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
            try {
                check(H5Dwrite(ds, memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), name);
            } finally {
                H5Dclose(ds);
                H5Sclose(space);
                data.close();
            }
        });
    }

    void attrInt64(String name, long value) {
        writeAttr(name, H5T_STD_I64LE_g(), H5T_NATIVE_INT64_g(), new LongPointer(new long[] {value}));
    }

    /** A numpy bool the way h5py stores it: enum {FALSE=0, TRUE=1} over int8. */
    void attrBool(String name, boolean value) {
        Hdf5.locked(() -> {
            long type = H5Tenum_create(H5T_NATIVE_INT8_g());
            try (BytePointer f = new BytePointer(1L); BytePointer t = new BytePointer(1L)) {
                f.put(0, (byte) 0);
                t.put(0, (byte) 1);
                H5Tenum_insert(type, "FALSE", f);
                H5Tenum_insert(type, "TRUE", t);
                BytePointer v = new BytePointer(1L);
                v.put(0, (byte) (value ? 1 : 0));
                writeAttr(name, type, type, v);
            } finally {
                H5Tclose(type);
            }
        });
    }

    /** A scalar variable-length UTF-8 string attribute, as h5py writes a Python {@code str}. */
    void attrString(String name, String value) {
        Hdf5.locked(() -> {
            long type = H5Tcopy(H5T_C_S1_g());
            H5Tset_size(type, H5T_VARIABLE);
            H5Tset_cset(type, H5T_CSET_UTF8);
            BytePointer text = new BytePointer(value, StandardCharsets.UTF_8);
            try {
                writeAttr(name, type, type, new PointerPointer<BytePointer>(1L).put(0, text));
            } finally {
                text.close();
                H5Tclose(type);
            }
        });
    }

    private void writeAttr(String name, long fileType, long memType, org.bytedeco.javacpp.Pointer data) {
        Hdf5.locked(() -> {
            long space = H5Screate(H5S_SCALAR);
            long attr = H5Acreate2(fid, name, fileType, space, H5P_DEFAULT, H5P_DEFAULT);
            try {
                check(attr < 0 ? -1 : H5Awrite(attr, memType, data), "attribute " + name);
            } finally {
                Hdf5.closeQuietly(attr, id -> H5Aclose(id));
                H5Sclose(space);
                data.close();
            }
        });
    }

    @Override
    public void close() {
        Hdf5.locked(() -> {
            if (fid >= 0) {
                int status = H5Fclose(fid);
                fid = -1;
                check(status, "file close");
            }
        });
    }
}
