package io.videoseq.data;

import io.videoseq.data.FeatureFileException.Reason;

import static org.bytedeco.hdf5.global.hdf5.*;

import java.nio.file.Path;
import org.bytedeco.javacpp.SizeTPointer;

/**
 * What a dataset really stores, checked before the reader allocates what the dataset declares. Call under the HDF5
 * lock.
 *
 * <p>Declaring costs nothing: a chunked dataset's chunks are allocated only when written, so a few KB of file can
 * declare 10^9 videos, and HDF5 reads an unallocated chunk as its fill value without an error. The bytes a read will
 * produce must therefore be backed by allocated storage: at most {@link #DEFLATE_RATIO} times the storage when the
 * dataset is gzip-compressed (deflate's ceiling is about 1032:1, reached on constant data), at most the storage
 * itself when it is not, plus {@link #SLACK} for deflate's fixed overhead on tiny datasets. The storage itself must
 * fit in the file (a chunk index or a contiguous extent that points past the end is a truncated or forged file).
 *
 * <p>Only the filters h5py and {@link FeatureFileWriter} use are accepted (deflate, shuffle, fletcher32): with any
 * other (scale-offset, n-bit, a plugin) the ratio bound would not hold, and a plugin filter would make HDF5 load a
 * shared library the file names. Virtual and external-storage datasets, whose data live in other files the file
 * names, are refused.
 */
final class DatasetStorage {
    /** Deflate's maximum compression ratio (258-byte matches coded in about 2 bits: 1032:1). */
    static final long DEFLATE_RATIO = 1032;
    /** Headers, block boundaries and the Adler-32 of many small chunks; far below anything worth an attack. */
    static final long SLACK = 1L << 20;

    private final Path file;
    private final String name;
    private final long storage;
    private final boolean deflated;
    private final long chunkBytes;
    private final long elementSize;

    private DatasetStorage(Path file, String name, long storage, boolean deflated, long chunkBytes,
                           long elementSize) {
        this.file = file;
        this.name = name;
        this.storage = storage;
        this.deflated = deflated;
        this.chunkBytes = chunkBytes;
        this.elementSize = elementSize;
    }

    /** Opens dataset {@code name} of the open file {@code fid} and reads its storage ({@link #ofDataset}). */
    static DatasetStorage of(Path file, long fid, long fileSize, String name) {
        long ds = H5Dopen2(fid, name, H5P_DEFAULT);
        if (ds < 0) {
            throw new FeatureFileException(Reason.TRUNCATED, file, name, -1, "a readable dataset",
                    "one HDF5 cannot open");
        }
        try {
            return ofDataset(file, fileSize, ds, name);
        } finally {
            H5Dclose(ds);
        }
    }

    /**
     * Reads and checks the storage of the open dataset {@code ds} of {@code name}.
     *
     * @param fileSize the file's real size in bytes
     * @throws FeatureFileException {@code LAYOUT_MISMATCH} for a virtual or external dataset, or a filter other
     *                              than deflate, shuffle, fletcher32; {@code TRUNCATED} when the storage is larger
     *                              than the file
     */
    static DatasetStorage ofDataset(Path file, long fileSize, long ds, String name) {
        long dcpl = H5Dget_create_plist(ds);
        long type = H5Dget_type(ds);
        if (dcpl < 0 || type < 0) {
            Hdf5.closeQuietly(dcpl, id -> H5Pclose(id));
            Hdf5.closeQuietly(type, id -> H5Tclose(id));
            throw new FeatureFileException(Reason.TRUNCATED, file, name, -1,
                    "a readable dataset creation property list",
                    "one HDF5 cannot decode (file corrupt)");
        }
        try {
            int layout = H5Pget_layout(dcpl);
            if (layout != H5D_COMPACT && layout != H5D_CONTIGUOUS && layout != H5D_CHUNKED) {
                throw new FeatureFileException(Reason.LAYOUT_MISMATCH, file, name, -1,
                        "a compact, contiguous or chunked dataset",
                        layout == H5D_VIRTUAL ? "a virtual dataset (its data in other files)" : "layout " + layout);
            }
            int external = H5Pget_external_count(dcpl);
            if (external != 0) {
                throw new FeatureFileException(Reason.LAYOUT_MISMATCH, file, name, -1, "its data stored in this file",
                        external < 0 ? "an unreadable external storage list" : "external storage in " + external
                                + " other file(s)");
            }
            boolean deflated = false;
            int filters = H5Pget_nfilters(dcpl);
            for (int i = 0; i < filters; i++) {
                int id = filterId(dcpl, i);
                if (id == H5Z_FILTER_DEFLATE) {
                    deflated = true;
                } else if (id != H5Z_FILTER_SHUFFLE && id != H5Z_FILTER_FLETCHER32) {
                    throw new FeatureFileException(Reason.LAYOUT_MISMATCH, file, name, -1,
                            "only the filters gzip (deflate), shuffle and fletcher32", "filter id " + id);
                }
            }
            long elementSize = H5Tget_size(type);
            long chunkBytes = layout == H5D_CHUNKED ? chunkBytes(file, name, dcpl, elementSize) : 0;
            long storage = H5Dget_storage_size(ds);
            if (storage > fileSize) {
                throw new FeatureFileException(Reason.TRUNCATED, file, name, -1, "storage within the file's "
                        + fileSize + " bytes",
                        storage + " bytes of storage (file truncated or its index forged)");
            }
            return new DatasetStorage(file, name, storage, deflated, chunkBytes, elementSize);
        } finally {
            H5Tclose(type);
            H5Pclose(dcpl);
        }
    }

    private static int filterId(long dcpl, int index) {
        try (SizeTPointer values = new SizeTPointer(1)) {
            values.put(0L);
            return H5Pget_filter2(dcpl, index, new int[1], values, new int[1], 0, new byte[1], new int[1]);
        }
    }

    private static long chunkBytes(Path file, String name, long dcpl, long elementSize) {
        long[] dims = new long[32];
        int rank = H5Pget_chunk(dcpl, dims.length, dims);
        if (rank < 1) {
            throw new FeatureFileException(Reason.TRUNCATED, file, name, -1, "readable chunk dimensions",
                    "none (file corrupt)");
        }
        long bytes = elementSize;
        for (int d = 0; d < rank; d++) {
            // HDF5 caps a chunk at 4 GiB, so the product cannot overflow before the check that matters.
            bytes = Math.multiplyHigh(bytes, dims[d]) != 0 ? Long.MAX_VALUE : bytes * dims[d];
        }
        return bytes;
    }

    /** Bytes of {@code elements} values of this dataset's element type as stored (saturating). */
    long bytes(long elements) {
        return Math.multiplyHigh(elements, elementSize) != 0 || elements * elementSize < 0 ? Long.MAX_VALUE
                : elements * elementSize;
    }

    /**
     * Refuses a dataset whose stored values a read of {@code elements} values would mostly invent: more than its
     * allocated storage can hold (as fill values HDF5 supplies for chunks never written).
     *
     * @param what what the values are, for the message (e.g. "1000000000 videos")
     */
    void requireBacks(long elements, String what) {
        long readBytes = bytes(elements);
        long ratio = deflated ? DEFLATE_RATIO : 1;
        long bound = storage > (Long.MAX_VALUE - SLACK) / ratio ? Long.MAX_VALUE : storage * ratio + SLACK;
        if (readBytes > bound) {
            throw new FeatureFileException(Reason.LAYOUT_MISMATCH, file, name, -1,
                    "allocated storage for " + what + " (" + readBytes + " bytes; at most " + ratio + " x "
                            + "storage + " + SLACK + " with" + (deflated ? "" : "out") + " gzip)",
                    storage + " bytes of storage" + (storage == 0 ? " (never written)" : " (partly written)"));
        }
    }

    /**
     * Refuses chunks larger than {@code maxBytes}: HDF5 decompresses a whole chunk to read any part of it.
     */
    void requireChunksAtMost(long maxBytes, String why) {
        if (chunkBytes > maxBytes) {
            throw new FeatureFileException(Reason.SIZE_LIMIT, file, name, -1, "chunks of at most " + maxBytes
                    + " bytes (" + why + ")",
                    "chunks of " + chunkBytes + " bytes");
        }
    }
}
