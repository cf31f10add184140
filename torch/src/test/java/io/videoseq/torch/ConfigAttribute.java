package io.videoseq.torch;

import static org.bytedeco.hdf5.global.hdf5.H5F_ACC_RDWR;
import static org.bytedeco.hdf5.global.hdf5.H5S_SCALAR;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.bytedeco.hdf5.Attribute;
import org.bytedeco.hdf5.DataSpace;
import org.bytedeco.hdf5.H5File;
import org.bytedeco.hdf5.PredType;
import org.bytedeco.hdf5.StrType;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerScope;

/**
 * Rewrites the root attribute {@code config} of a copy of a state dict file in place, with the HDF5 binding the
 * importer reads with: the variants of an export from an older checkpoint saved without {@code model_config}
 * (h5py is not there at test time). Public for the app's import-torch tests. Like {@link StateDictFile}, it holds
 * the HDF5 lock and deletes its HDF5 objects itself, so that no destructor runs later on JavaCPP's deallocator thread.
 */
public final class ConfigAttribute {
    private ConfigAttribute() {
    }

    /** Removes {@code config}; then, unless {@code json} is null, stores it as a fixed-length string. */
    public static void replace(Path file, String json) {
        synchronized (org.bytedeco.hdf5.global.hdf5.class) {
            try (PointerScope scope = new PointerScope()) {
                H5File f = new H5File(file.toString(), H5F_ACC_RDWR);
                try {
                    if (f.attrExists(StateDictFile.CONFIG_ATTRIBUTE)) {
                        f.removeAttr(StateDictFile.CONFIG_ATTRIBUTE);
                    }
                    if (json != null) {
                        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
                        StrType type = new StrType(PredType.C_S1(), bytes.length);
                        DataSpace scalar = new DataSpace(H5S_SCALAR);
                        Attribute a = f.createAttribute(StateDictFile.CONFIG_ATTRIBUTE, type, scalar);
                        try (BytePointer buf = new BytePointer(bytes.length)) {
                            buf.put(bytes);
                            a.write(type, buf);
                        } finally {
                            a._close();
                            scalar._close();
                            type._close();
                        }
                    }
                } finally {
                    f._close();
                }
            }
        }
    }
}
