package io.videoseq.torch;

import org.bytedeco.hdf5.Attribute;
import org.bytedeco.hdf5.DataSet;
import org.bytedeco.hdf5.DataSpace;
import org.bytedeco.hdf5.Group;
import org.bytedeco.hdf5.H5File;
import org.bytedeco.hdf5.PredType;
import org.bytedeco.hdf5.StrType;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.bytedeco.hdf5.global.hdf5.H5Dget_type;
import static org.bytedeco.hdf5.global.hdf5.H5F_ACC_RDONLY;
import static org.bytedeco.hdf5.global.hdf5.H5O_TYPE_DATASET;
import static org.bytedeco.hdf5.global.hdf5.H5T_CSET_UTF8;
import static org.bytedeco.hdf5.global.hdf5.H5T_FLOAT;
import static org.bytedeco.hdf5.global.hdf5.H5T_STRING;
import static org.bytedeco.hdf5.global.hdf5.H5T_VARIABLE;
import static org.bytedeco.hdf5.global.hdf5.H5Tclose;
import static org.bytedeco.hdf5.global.hdf5.H5Tget_class;

/**
 * Read access to a PyTorch {@code state_dict} stored in HDF5: group {@code state_dict} with one floating-point
 * dataset per state_dict key, and a root string attribute {@code config} (JSON).
 *
 * <p>The HDF5 library is not thread-safe: every call into it holds the monitor of
 * {@code org.bytedeco.hdf5.global.hdf5.class}, a lock every module of the JVM can share. That includes the
 * destructors of the HDF5 C++ objects this class makes ({@code H5Tclose}, {@code H5Iget_type}, ...): each is
 * deleted under the lock, in a {@link PointerScope} or by {@link #delete}, never left to the garbage collector.
 * Left to it, JavaCPP's deallocator thread ran them while another thread was inside HDF5, and reads failed at
 * random ("H5Dread failed", "H5Lget_name_by_idx failed"; {@code StateDictFileGcTest}), once with a SIGSEGV.
 */
public final class StateDictFile implements AutoCloseable {

    /** Name of the group holding the parameters. */
    public static final String GROUP = "state_dict";
    /** Name of the root attribute holding the model configuration JSON. */
    public static final String CONFIG_ATTRIBUTE = "config";

    private static final Object LOCK = org.bytedeco.hdf5.global.hdf5.class;

    private final Path path;
    private final H5File file;
    private final Group group;

    /** A dataset's values as float64, row-major, with its shape. */
    public record Tensor(long[] shape, double[] values) {
    }

    private StateDictFile(Path path, H5File file, Group group) {
        this.path = path;
        this.file = file;
        this.group = group;
    }

    /** Opens {@code path} read-only and checks that it has a {@code state_dict} group. */
    public static StateDictFile open(Path path) throws TorchImportException {
        if (!Files.isRegularFile(path)) {
            throw new TorchImportException(path + ": file not found");
        }
        synchronized (LOCK) {
            org.bytedeco.hdf5.Exception.dontPrint();
            H5File f;
            try {
                f = new H5File(path.toString(), H5F_ACC_RDONLY);
            } catch (RuntimeException e) {
                throw new TorchImportException(path + ": not a readable HDF5 file (" + oneLine(e) + ")", e);
            }
            try {
                if (!f.nameExists(GROUP)) {
                    throw new TorchImportException(path + ": group '" + GROUP + "' is missing");
                }
                return new StateDictFile(path, f, f.openGroup(GROUP));
            } catch (TorchImportException | RuntimeException e) {
                f._close();
                delete(f);
                if (e instanceof TorchImportException tie) {
                    throw tie;
                }
                throw new TorchImportException(path + ": cannot open group '" + GROUP + "' (" + oneLine(e) + ")", e);
            }
        }
    }

    public Path path() {
        return path;
    }

    /** The root attribute {@code config} as a string, or null when the file has none. */
    public String configJson() throws TorchImportException {
        synchronized (LOCK) {
            try (PointerScope scope = new PointerScope()) {
                if (!file.attrExists(CONFIG_ATTRIBUTE)) {
                    return null;
                }
                Attribute a = file.openAttribute(CONFIG_ATTRIBUTE);
                try {
                    if (a.getTypeClass() != H5T_STRING) {
                        throw new TorchImportException(path + ": attribute '" + CONFIG_ATTRIBUTE
                                + "': expected a string (JSON), found HDF5 type class " + a.getTypeClass());
                    }
                    StrType stored = a.getStrType();
                    if (stored.isVariableStr()) {
                        StrType t = new StrType(PredType.C_S1(), H5T_VARIABLE());
                        t.setCset(H5T_CSET_UTF8);
                        BytePointer holder = new BytePointer(1L);
                        a.read(t, holder);
                        return holder.getString(StandardCharsets.UTF_8);
                    }
                    byte[] bytes = new byte[(int) a.getInMemDataSize()];
                    BytePointer buf = new BytePointer(bytes.length);
                    a.read(stored, buf);
                    buf.get(bytes);
                    int n = 0;
                    while (n < bytes.length && bytes[n] != 0) {
                        n++;
                    }
                    return new String(bytes, 0, n, StandardCharsets.UTF_8);
                } finally {
                    a._close();
                }
            } catch (RuntimeException e) {
                throw new TorchImportException(path + ": attribute '" + CONFIG_ATTRIBUTE + "' unreadable ("
                        + oneLine(e) + ")", e);
            }
        }
    }

    /** Names of the datasets in {@code state_dict}, in storage order; subgroups are reported as errors. */
    public List<String> keys() throws TorchImportException {
        synchronized (LOCK) {
            try (PointerScope scope = new PointerScope()) {
                List<String> out = new ArrayList<>();
                long n = group.getNumObjs();
                for (long i = 0; i < n; i++) {
                    String name = group.getObjnameByIdx(i).getString(StandardCharsets.UTF_8);
                    if (group.childObjType(name) != H5O_TYPE_DATASET) {
                        throw new TorchImportException(path + ": '" + GROUP + "/" + name
                                + "': expected a dataset, found a group or other object");
                    }
                    out.add(name);
                }
                return out;
            } catch (RuntimeException e) {
                throw new TorchImportException(path + ": group '" + GROUP + "' unreadable (" + oneLine(e) + ")", e);
            }
        }
    }

    /** Reads dataset {@code state_dict/key} as float64; HDF5 converts float32/float16 storage. */
    public Tensor read(String key) throws TorchImportException {
        String where = path + ": dataset '" + GROUP + "/" + key + "'";
        synchronized (LOCK) {
            if (!group.nameExists(key)) {
                throw new TorchImportException(where + " is missing");
            }
            try (PointerScope scope = new PointerScope()) {
                DataSet ds = group.openDataSet(key);
                try {
                    return values(ds, where);
                } catch (RuntimeException e) {
                    throw new TorchImportException(where + " unreadable (" + oneLine(e) + ")", e);
                } finally {
                    ds._close();
                }
            }
        }
    }

    private static Tensor values(DataSet ds, String where) throws TorchImportException {
        // DataSet's Java mapping lacks AbstractDs.getTypeClass (C++ multiple inheritance): use the C API.
        long type = H5Dget_type(ds.getId());
        int typeClass = H5Tget_class(type);
        H5Tclose(type);
        if (typeClass != H5T_FLOAT) {
            throw new TorchImportException(where + ": expected floating-point values, found HDF5 type class "
                    + typeClass);
        }
        DataSpace space = ds.getSpace();
        try {
            int rank = space.getSimpleExtentNdims();
            long[] shape = new long[rank];
            space.getSimpleExtentDims(shape);
            long count = space.getSimpleExtentNpoints();
            if (count > Integer.MAX_VALUE - 8) {
                throw new TorchImportException(where + ": " + Arrays.toString(shape) + " is too large");
            }
            double[] values = new double[(int) count];
            if (count > 0) {
                DoublePointer buf = new DoublePointer(count);
                ds.read(buf, PredType.NATIVE_DOUBLE());
                buf.get(values);
            }
            return new Tensor(shape, values);
        } finally {
            space._close();
        }
    }

    /** Runs the C++ destructor now, on this thread and under the lock (see the class comment). */
    private static void delete(Pointer p) {
        p.deallocate();
    }

    @Override
    public void close() {
        synchronized (LOCK) {
            group._close();
            file._close();
            delete(group);
            delete(file);
        }
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("\\s+", " ").trim();
    }
}
