package io.videoseq.data;

import static org.bytedeco.hdf5.global.hdf5.*;

import java.nio.file.Path;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.PointerPointer;

/** Reads the root attributes h5py writes (int64 scalars, variable-length UTF-8 strings, numpy bools). Call under the HDF5 lock. */
final class Hdf5Attributes {
    private final Path file;
    private final long objectId;

    Hdf5Attributes(Path file, long objectId) {
        this.file = file;
        this.objectId = objectId;
    }

    private long open(String name) {
        if (H5Aexists(objectId, name) <= 0) {
            throw new MissingEntryException(file, "attribute " + name, -1, "a root attribute '" + name + "'",
                    "none");
        }
        long attr = H5Aopen(objectId, name, H5P_DEFAULT);
        if (attr < 0) {
            throw new TruncatedFileException(file, "attribute " + name, -1, "a readable attribute",
                    "an unreadable attribute (file corrupt)");
        }
        return attr;
    }

    private long elementCount(long attr, String name) {
        long space = H5Aget_space(attr);
        try {
            int rank = H5Sget_simple_extent_ndims(space);
            long[] dims = new long[Math.max(rank, 1)];
            if (rank > 0) {
                H5Sget_simple_extent_dims(space, dims, null);
            }
            long n = 1;
            for (int i = 0; i < rank; i++) {
                n *= dims[i];
            }
            if (n != 1) {
                throw new InvalidAttributeException(file, "attribute " + name, -1, "a single value",
                        n + " values");
            }
            return n;
        } finally {
            H5Sclose(space);
        }
    }

    /** An integer attribute (any integer width or an h5py bool), as a long. */
    long integer(String name) {
        long attr = open(name);
        long type = H5Aget_type(attr);
        try {
            elementCount(attr, name);
            int cls = H5Tget_class(type);
            if (cls != H5T_INTEGER && cls != H5T_ENUM) {
                throw new InvalidAttributeException(file, "attribute " + name, -1, "an integer",
                        "HDF5 type class " + typeClassName(cls));
            }
            if (cls == H5T_ENUM) {
                return readEnumAsInteger(attr, type, name);
            }
            try (LongPointer value = new LongPointer(1)) {
                check(H5Aread(attr, H5T_NATIVE_INT64_g(), value), name);
                return value.get(0);
            }
        } finally {
            H5Tclose(type);
            H5Aclose(attr);
        }
    }

    /** h5py stores numpy bools as an enum over int8 (FALSE=0, TRUE=1); its value is read raw, as stored. */
    private long readEnumAsInteger(long attr, long type, String name) {
        long size = H5Tget_size(type);
        if (size < 1 || size > 8) {
            throw new InvalidAttributeException(file, "attribute " + name, -1, "a 1..8 byte enum",
                    size + " bytes");
        }
        long nativeType = H5Tget_native_type(type, H5T_DIR_DEFAULT);
        try (BytePointer raw = new BytePointer(8L)) {
            raw.fill(0);
            check(H5Aread(attr, nativeType, raw), name);
            long v = 0;
            for (int i = 0; i < size; i++) {
                v |= (raw.get(i) & 0xFFL) << (8 * i); // native x86/ARM byte order is little-endian
            }
            return v;
        } finally {
            H5Tclose(nativeType);
        }
    }

    boolean bool(String name) {
        return integer(name) != 0;
    }

    /** A string attribute: variable-length (h5py's {@code str}) or fixed-length, decoded as UTF-8. */
    String string(String name) {
        long attr = open(name);
        long type = H5Aget_type(attr);
        try {
            elementCount(attr, name);
            int cls = H5Tget_class(type);
            if (cls != H5T_STRING) {
                throw new InvalidAttributeException(file, "attribute " + name, -1, "a string",
                        "HDF5 type class " + typeClassName(cls));
            }
            long mem = H5Tcopy(H5T_C_S1_g());
            try {
                H5Tset_cset(mem, H5T_CSET_UTF8);
                if (H5Tis_variable_str(type) > 0) {
                    H5Tset_size(mem, H5T_VARIABLE);
                    try (PointerPointer<BytePointer> holder = new PointerPointer<>(1L)) {
                        check(H5Aread(attr, mem, holder), name);
                        BytePointer text = holder.get(BytePointer.class, 0);
                        String s = text.getString(java.nio.charset.StandardCharsets.UTF_8);
                        H5free_memory(text);
                        return s;
                    }
                }
                long size = H5Tget_size(type);
                H5Tset_size(mem, size);
                try (BytePointer buf = new BytePointer(size + 1)) {
                    buf.fill(0);
                    check(H5Aread(attr, mem, buf), name);
                    byte[] bytes = new byte[(int) size];
                    buf.get(bytes);
                    int end = 0;
                    while (end < bytes.length && bytes[end] != 0) {
                        end++;
                    }
                    return new String(bytes, 0, end, java.nio.charset.StandardCharsets.UTF_8);
                }
            } finally {
                H5Tclose(mem);
            }
        } finally {
            H5Tclose(type);
            H5Aclose(attr);
        }
    }

    private void check(int status, String name) {
        if (status < 0) {
            throw new InvalidAttributeException(file, "attribute " + name, -1, "a value convertible to the expected type",
                    "a value HDF5 could not convert");
        }
    }

    static String typeClassName(int cls) {
        if (cls == H5T_INTEGER) {
            return "integer";
        }
        if (cls == H5T_FLOAT) {
            return "float";
        }
        if (cls == H5T_STRING) {
            return "string";
        }
        if (cls == H5T_ENUM) {
            return "enum";
        }
        return "#" + cls;
    }
}
