package io.videoseq.data;

import io.videoseq.data.FeatureFileException.Reason;

import static org.bytedeco.hdf5.global.hdf5.*;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Reads the root attributes h5py writes (int64 scalars, variable-length UTF-8 strings, numpy bools). Call under the
 * HDF5 lock. A corrupt attribute message or value must end as a one-line {@link FeatureFileException} naming the
 * attribute, never as a null pointer or a silently garbled value: every HDF5 identifier and status is checked, and
 * strings are decoded strictly.
 */
final class Hdf5Attributes {
    /** Longer than any category_mapping; a larger fixed size means a garbled datatype message. */
    private static final long MAX_STRING_BYTES = 1L << 24;

    private final Path file;
    private final long objectId;

    Hdf5Attributes(Path file, long objectId) {
        this.file = file;
        this.objectId = objectId;
    }

    private FeatureFileException corrupt(String name, String expected, String found) {
        return new FeatureFileException(Reason.INVALID_ATTRIBUTE, file, "attribute " + name, -1, expected, found
                + " (file corrupt)");
    }

    private long open(String name) {
        // H5Aexists is negative (not 0) when the object header's attribute messages cannot be decoded.
        int exists = H5Aexists(objectId, name);
        if (exists == 0) {
            throw new FeatureFileException(Reason.MISSING_ENTRY, file, "attribute " + name, -1, "a root attribute '"
                    + name + "'",
                    "none");
        }
        long attr = exists < 0 ? -1 : H5Aopen(objectId, name, H5P_DEFAULT);
        if (attr < 0) {
            throw corrupt(name, "a readable attribute message", "one HDF5 cannot decode");
        }
        return attr;
    }

    private long type(long attr, String name) {
        long type = H5Aget_type(attr);
        if (type < 0) {
            H5Aclose(attr);
            throw corrupt(name, "a readable datatype", "one HDF5 cannot decode");
        }
        return type;
    }

    private long elementCount(long attr, String name) {
        long space = H5Aget_space(attr);
        if (space < 0) {
            throw corrupt(name, "a readable dataspace", "one HDF5 cannot decode");
        }
        try {
            int rank = H5Sget_simple_extent_ndims(space);
            if (rank < 0) {
                throw corrupt(name, "a readable dataspace", "one HDF5 cannot decode");
            }
            long[] dims = new long[Math.max(rank, 1)];
            if (rank > 0) {
                H5Sget_simple_extent_dims(space, dims, null);
            }
            long n = 1;
            for (int i = 0; i < rank; i++) {
                n *= dims[i];
            }
            if (n != 1) {
                throw new FeatureFileException(Reason.INVALID_ATTRIBUTE, file, "attribute " + name, -1,
                        "a single value",
                        n + " values");
            }
            return n;
        } finally {
            H5Sclose(space);
        }
    }

    /** Whether the object has an attribute of that name (a corrupt attribute table counts as present). */
    boolean has(String name) {
        return H5Aexists(objectId, name) != 0;
    }

    /** An integer attribute (any integer width or an h5py bool), as a long. */
    long integer(String name) {
        long attr = open(name);
        long type = type(attr, name);
        try {
            elementCount(attr, name);
            int cls = H5Tget_class(type);
            if (cls != H5T_INTEGER && cls != H5T_ENUM) {
                throw new FeatureFileException(Reason.INVALID_ATTRIBUTE, file, "attribute " + name, -1, "an integer",
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
            throw new FeatureFileException(Reason.INVALID_ATTRIBUTE, file, "attribute " + name, -1, "a 1..8 byte enum",
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

    /** h5py writes numpy bools as 0 or 1; any other value is a garbled attribute, not "true". */
    boolean bool(String name) {
        long v = integer(name);
        if (v != 0 && v != 1) {
            throw new FeatureFileException(Reason.INVALID_ATTRIBUTE, file, "attribute " + name, -1,
                    "a bool (FALSE = 0 or TRUE = 1)",
                    Long.toString(v));
        }
        return v == 1;
    }

    /** A string attribute: variable-length (h5py's {@code str}) or fixed-length, decoded as UTF-8. */
    String string(String name) {
        long attr = open(name);
        long type = type(attr, name);
        try {
            elementCount(attr, name);
            int cls = H5Tget_class(type);
            if (cls != H5T_STRING) {
                throw new FeatureFileException(Reason.INVALID_ATTRIBUTE, file, "attribute " + name, -1, "a string",
                        "HDF5 type class " + typeClassName(cls));
            }
            long mem = H5Tcopy(H5T_C_S1_g());
            try {
                H5Tset_cset(mem, H5T_CSET_UTF8);
                if (H5Tis_variable_str(type) > 0) {
                    H5Tset_size(mem, H5T_VARIABLE);
                    try (PointerPointer<BytePointer> holder = new PointerPointer<>(1L)) {
                        check(H5Aread(attr, mem, holder), name);
                        return variableLength(holder.get(BytePointer.class, 0), name);
                    }
                }
                long size = H5Tget_size(type);
                if (size < 1 || size > MAX_STRING_BYTES) {
                    throw corrupt(name, "a string of 1.." + MAX_STRING_BYTES + " bytes", size + " bytes");
                }
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
                    return utf8(bytes, end, name);
                }
            } finally {
                H5Tclose(mem);
            }
        } finally {
            H5Tclose(type);
            H5Aclose(attr);
        }
    }

    /**
     * HDF5 hands a variable-length string whose heap reference is nil (zeroed by corruption) back as a null
     * pointer with a success status, so null must be checked before the bytes are touched.
     */
    private String variableLength(BytePointer text, String name) {
        if (text == null || text.isNull()) {
            throw corrupt(name, "a variable-length string", "a null string reference");
        }
        try {
            byte[] bytes = text.getStringBytes();
            return utf8(bytes, bytes.length, name);
        } finally {
            H5free_memory(text);
        }
    }

    /** Strict UTF-8: a garbled byte would otherwise become U+FFFD inside a class name and go unnoticed. */
    private String utf8(byte[] bytes, int length, String name) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw corrupt(name, "a UTF-8 string", length + " bytes that are not valid UTF-8");
        }
    }

    private void check(int status, String name) {
        if (status < 0) {
            throw corrupt(name, "a value HDF5 can read", "one it cannot (bad heap reference or datatype)");
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
