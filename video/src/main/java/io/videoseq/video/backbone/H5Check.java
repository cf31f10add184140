package io.videoseq.video.backbone;

import static org.bytedeco.hdf5.global.hdf5.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.hdf5.H5G_info_t;
import org.bytedeco.hdf5.H5L_info2_t;
import org.bytedeco.hdf5.H5O_info2_t;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Reads what DL4J's Keras import would read from a {@code .h5} file, with HDF5's C API and every size checked,
 * before DL4J's {@code Hdf5Archive} touches the file (docs/DL4J.md, "Backbone files"). {@code Hdf5Archive.readDataSet}
 * allocates {@code new float[(int) (d0 * d1 * …)]} and lets HDF5 write the whole extent into it: a 65536 x 65536
 * kernel wraps to a 0-length buffer into which HDF5 writes 16 GiB of fill values (native heap corruption, exit 134),
 * and its {@code weight_names} reader hands HDF5 a 2,000-byte buffer whatever the attribute's size. So, for every
 * object reachable from the root (hard links only, at most {@link BackboneLimits#MAX_H5_OBJECTS}, nested at most
 * {@link BackboneLimits#MAX_H5_DEPTH}): every dataset's extent is bounded ({@link BackboneLimits#MAX_WEIGHT_VALUES}),
 * its data is in the file (no external files, no virtual datasets; the storage HDF5 reports holds the extent,
 * uncompressed, or at most {@link BackboneLimits#MAX_COMPRESSION_RATIO} values per byte compressed, and no more than
 * the file's size); every {@code weight_names} attribute is a string under 2,000 bytes. HDF5's own error printing is
 * turned off (it printed 25 lines for a truncated file).
 */
final class H5Check {
    /** The buffer {@code Hdf5Archive.readAttributeAsString} first reads an attribute into. */
    static final int DL4J_ATTRIBUTE_BUFFER = 2000;

    static {
        synchronized (org.bytedeco.hdf5.global.hdf5.class) {
            H5open();
            H5Eset_auto2(H5E_DEFAULT, null, null);
        }
    }

    /**
     * What the file holds for the Keras import.
     *
     * @param modelConfig  the {@code model_config} attribute (Keras's model JSON)
     * @param kerasVersion the {@code keras_version} attribute, or null
     * @param backend      the {@code backend} attribute, or null
     * @param weights      layer → Keras parameter name → shape, of the datasets under {@code model_weights}
     */
    record Contents(String modelConfig, String kerasVersion, String backend,
            Map<String, Map<String, long[]>> weights) {
    }

    private final Path file;
    private final long fileSize;
    private final Map<String, Map<String, long[]>> weights = new LinkedHashMap<>();
    private long totalValues;
    private int objects;

    private H5Check(Path file, long fileSize) {
        this.file = file;
        this.fileSize = fileSize;
    }

    /** Checks {@code file} and reads its Keras attributes and weight shapes; holds the HDF5 binding's lock. */
    static Contents inspect(Path file) throws IOException {
        long size = Files.size(file);
        synchronized (org.bytedeco.hdf5.global.hdf5.class) {
            long fid = H5Fopen(file.toString(), H5F_ACC_RDONLY, H5P_DEFAULT);
            if (fid < 0) {
                throw new BackboneException(file + ": expected a readable HDF5 file, found one HDF5 cannot open"
                        + " (truncated or damaged)");
            }
            try {
                H5Check c = new H5Check(file, size);
                c.group(fid, "", 0);
                String config = c.stringAttribute(fid, "model_config", BackboneLimits.MAX_MODEL_JSON_BYTES, true);
                return new Contents(config, c.stringAttribute(fid, "keras_version", 64, false),
                        c.stringAttribute(fid, "backend", 64, false), c.weights);
            } finally {
                H5Fclose(fid);
            }
        }
    }

    private void group(long gid, String path, int depth) {
        if (depth > BackboneLimits.MAX_H5_DEPTH) {
            throw refuse(path, "groups nested at most " + BackboneLimits.MAX_H5_DEPTH + " deep", "deeper");
        }
        long n;
        try (H5G_info_t info = new H5G_info_t()) {
            if (H5Gget_info(gid, info) < 0) {
                throw refuse(path.isEmpty() ? "/" : path, "a readable group", "one HDF5 cannot read");
            }
            n = info.nlinks();
        }
        if (n < 0 || n > BackboneLimits.MAX_H5_OBJECTS - objects) {
            throw refuse(path.isEmpty() ? "/" : path, "at most " + BackboneLimits.MAX_H5_OBJECTS
                    + " objects in the file", n + " more links");
        }
        checkWeightNames(gid, path);
        for (long i = 0; i < n; i++) {
            objects++;
            String name = linkName(gid, i, path);
            String child = path + "/" + name;
            try (H5L_info2_t link = new H5L_info2_t()) {
                if (H5Lget_info2(gid, name, link, H5P_DEFAULT) < 0) {
                    throw refuse(child, "a readable link", "one HDF5 cannot read");
                }
                if (link.type() != H5L_TYPE_HARD) {
                    // DL4J would follow a soft or external link, possibly into another file.
                    throw refuse(child, "a hard link", link.type() == H5L_TYPE_EXTERNAL ? "a link to another file"
                            : "a soft or user-defined link");
                }
            }
            int type;
            try (H5O_info2_t info = new H5O_info2_t()) {
                if (H5Oget_info_by_name3(gid, name, info, H5O_INFO_BASIC, H5P_DEFAULT) < 0) {
                    throw refuse(child, "a readable object", "one HDF5 cannot read");
                }
                type = info.type();
            }
            if (type == H5O_TYPE_GROUP) {
                long sub = H5Gopen2(gid, name, H5P_DEFAULT);
                if (sub < 0) {
                    throw refuse(child, "a readable group", "one HDF5 cannot open");
                }
                try {
                    group(sub, child, depth + 1);
                } finally {
                    H5Gclose(sub);
                }
            } else if (type == H5O_TYPE_DATASET) {
                long ds = H5Dopen2(gid, name, H5P_DEFAULT);
                if (ds < 0) {
                    throw refuse(child, "a readable dataset", "one HDF5 cannot open");
                }
                try {
                    dataset(ds, child);
                } finally {
                    H5Dclose(ds);
                }
            } else if (type != H5O_TYPE_NAMED_DATATYPE) {
                throw refuse(child, "a group or a dataset", "HDF5 object type " + type);
            }
        }
    }

    private String linkName(long gid, long i, String path) {
        long length = H5Lget_name_by_idx(gid, ".", H5_INDEX_NAME, H5_ITER_INC, i, (BytePointer) null, 0,
                H5P_DEFAULT);
        if (length < 1 || length > 4096) {
            throw refuse(path.isEmpty() ? "/" : path, "link names of 1..4096 bytes", length + " bytes");
        }
        try (BytePointer b = new BytePointer(length + 1)) {
            H5Lget_name_by_idx(gid, ".", H5_INDEX_NAME, H5_ITER_INC, i, b, length + 1, H5P_DEFAULT);
            byte[] bytes = new byte[(int) length];
            b.get(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private void dataset(long ds, String path) {
        boolean weight = path.startsWith("/model_weights/");
        long space = H5Dget_space(ds);
        long[] dims;
        try {
            int rank = H5Sget_simple_extent_ndims(space);
            if (rank < 0 || rank > 32 || (weight && (rank < 1 || rank > 5))) {
                throw refuse(path, weight ? "a weight of 1 to 5 dimensions (what DL4J imports)"
                        : "a simple dataspace", rank < 0 ? "a dataspace HDF5 cannot read" : rank + " dimensions");
            }
            dims = new long[rank];
            H5Sget_simple_extent_dims(space, dims, (long[]) null);
        } finally {
            H5Sclose(space);
        }
        long values = 1;
        for (long d : dims) {
            values = d < 0 ? -1 : BackboneLimits.times(values, d);
            if (values < 0 || values > BackboneLimits.MAX_WEIGHT_VALUES) {
                throw refuse(path, "at most " + BackboneLimits.MAX_WEIGHT_VALUES + " values",
                        "shape " + unsigned(dims));
            }
        }
        if (weight && values == 0) {
            throw refuse(path, "a weight with values", "shape " + unsigned(dims));
        }
        long type = H5Dget_type(ds);
        long typeSize;
        int cls;
        try {
            cls = H5Tget_class(type);
            typeSize = H5Tget_size(type);
        } finally {
            H5Tclose(type);
        }
        if (weight && !(cls == H5T_FLOAT || cls == H5T_INTEGER)) {
            throw refuse(path, "float or integer values", "HDF5 type class " + cls);
        }
        if (typeSize < 1 || typeSize > 1024) {
            throw refuse(path, "values of 1..1024 bytes", typeSize + " bytes");
        }
        long dcpl = H5Dget_create_plist(ds);
        int layout;
        int filters;
        int external;
        try {
            layout = H5Pget_layout(dcpl);
            filters = H5Pget_nfilters(dcpl);
            external = H5Pget_external_count(dcpl);
        } finally {
            H5Pclose(dcpl);
        }
        if (layout == H5D_VIRTUAL || external != 0) {
            throw refuse(path, "data stored in this file", layout == H5D_VIRTUAL ? "a virtual dataset"
                    : "data in external files");
        }
        long bytes = values * typeSize;
        long stored = H5Dget_storage_size(ds);
        if (values > 0) {
            boolean ok = stored > 0 && stored <= fileSize
                    && (filters == 0 ? stored >= bytes : values <= stored * BackboneLimits.MAX_COMPRESSION_RATIO);
            if (!ok) {
                throw refuse(path, "its " + values + " values stored in the file (" + bytes + " bytes"
                        + (filters == 0 ? "" : ", compressed at most " + BackboneLimits.MAX_COMPRESSION_RATIO + ":1")
                        + ", file " + fileSize + " bytes)", stored + " bytes stored");
            }
        }
        totalValues += values;
        if (totalValues > BackboneLimits.MAX_PARAMETERS) {
            throw refuse(path, "at most " + BackboneLimits.MAX_PARAMETERS + " values in all datasets",
                    "more by this one");
        }
        if (weight) {
            String[] parts = path.split("/");
            // /model_weights/<layer>/…/<param>:0, as Keras writes it (TF: <layer>/<layer>/<param>:0).
            if (parts.length >= 4) {
                String param = parts[parts.length - 1].replaceAll(":\\d+$", "");
                Map<String, long[]> layer = weights.computeIfAbsent(parts[2], k -> new LinkedHashMap<>());
                if (layer.put(param, dims) != null) {
                    throw refuse(path, "one weight " + param + " in layer " + parts[2], "two");
                }
            }
        }
    }

    /** DL4J reads {@code weight_names} into a fixed 2,000-byte buffer; HDF5 writes the whole attribute into it. */
    private void checkWeightNames(long gid, String path) {
        if (H5Aexists(gid, "weight_names") <= 0) {
            return;
        }
        String at = (path.isEmpty() ? "" : path) + "/@weight_names";
        long attr = H5Aopen(gid, "weight_names", H5P_DEFAULT);
        if (attr < 0) {
            throw refuse(at, "a readable attribute", "one HDF5 cannot open");
        }
        try {
            long type = H5Aget_type(attr);
            int cls = H5Tget_class(type);
            H5Tclose(type);
            long stored = H5Aget_storage_size(attr);
            if (cls != H5T_STRING || stored < 0 || stored >= DL4J_ATTRIBUTE_BUFFER) {
                throw refuse(at, "strings of fewer than " + DL4J_ATTRIBUTE_BUFFER + " bytes in all (DL4J reads"
                        + " them into a buffer of that size)", cls != H5T_STRING ? "HDF5 type class " + cls
                        : stored + " bytes");
            }
        } finally {
            H5Aclose(attr);
        }
    }

    /** A string attribute of the root group, fixed-length or variable-length, at most {@code max} bytes. */
    private String stringAttribute(long fid, String name, long max, boolean required) {
        if (H5Aexists(fid, name) <= 0) {
            if (required) {
                throw refuse("/", "a Keras model saved with model.save (a " + name + " attribute)", "none");
            }
            return null;
        }
        String at = "/@" + name;
        long attr = H5Aopen(fid, name, H5P_DEFAULT);
        if (attr < 0) {
            throw refuse(at, "a readable attribute", "one HDF5 cannot open");
        }
        long type = H5Aget_type(attr);
        try {
            long space = H5Aget_space(attr);
            long points = H5Sget_simple_extent_npoints(space);
            H5Sclose(space);
            if (H5Tget_class(type) != H5T_STRING || points != 1) {
                throw refuse(at, "one string", points + " values of HDF5 type class " + H5Tget_class(type));
            }
            long mem = H5Tcopy(H5T_C_S1_g());
            try {
                // HDF5 converts no string between character sets: read in the attribute's own (h5py: UTF-8).
                H5Tset_cset(mem, H5Tget_cset(type));
                if (H5Tis_variable_str(type) > 0) {
                    H5Tset_size(mem, H5T_VARIABLE);
                    try (PointerPointer<BytePointer> holder = new PointerPointer<>(1L)) {
                        holder.put(0, (BytePointer) null);
                        if (H5Aread(attr, mem, holder) < 0) {
                            throw refuse(at, "a readable string", "one HDF5 cannot read");
                        }
                        BytePointer text = holder.get(BytePointer.class, 0);
                        if (text == null || text.isNull()) {
                            throw refuse(at, "a string", "a null string reference");
                        }
                        try {
                            long length = BytePointer.strlen(text);
                            if (length > max) {
                                throw refuse(at, "at most " + max + " bytes", length + " bytes");
                            }
                            return text.getString(StandardCharsets.UTF_8);
                        } finally {
                            H5free_memory(text);
                        }
                    }
                }
                long size = H5Tget_size(type);
                if (size < 1 || size > max) {
                    throw refuse(at, "a string of 1.." + max + " bytes", size + " bytes");
                }
                H5Tset_size(mem, size);
                try (BytePointer buf = new BytePointer(size + 1)) {
                    buf.fill(0);
                    if (H5Aread(attr, mem, buf) < 0) {
                        throw refuse(at, "a readable string", "one HDF5 cannot read");
                    }
                    byte[] bytes = new byte[(int) size];
                    buf.get(bytes);
                    int end = 0;
                    while (end < bytes.length && bytes[end] != 0) {
                        end++;
                    }
                    return new String(bytes, 0, end, StandardCharsets.UTF_8);
                }
            } finally {
                H5Tclose(mem);
            }
        } finally {
            H5Tclose(type);
            H5Aclose(attr);
        }
    }

    private BackboneException refuse(String object, String expected, String found) {
        return new BackboneException(file + ": " + object + ": expected " + expected + ", found " + found);
    }

    private static String unsigned(long[] dims) {
        String[] s = new String[dims.length];
        for (int i = 0; i < dims.length; i++) {
            s[i] = Long.toUnsignedString(dims[i]);
        }
        return Arrays.toString(s).replace(" ", "");
    }
}
