package io.videoseq.video.backbone;

import static org.bytedeco.hdf5.global.hdf5.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Writes a Keras 2 {@code model.save} HDF5 file (root attributes {@code model_config}, {@code keras_version},
 * {@code backend}; {@code model_weights/<layer>/<layer>/<param>:0} datasets with a {@code weight_names} attribute
 * per layer) from a {@link TfjsLayersModel}: the test's way to a real {@code .h5} backbone without Keras.
 */
final class KerasH5Writer {
    private KerasH5Writer() {
    }

    static void write(Path file, String modelConfig, Map<String, Map<String, TfjsLayersModel.Weight>> weights) {
        synchronized (org.bytedeco.hdf5.global.hdf5.class) {
            long fid = H5Fcreate(file.toString(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
            if (fid < 0) {
                throw new IllegalStateException("cannot create " + file);
            }
            try {
                stringAttr(fid, "model_config", modelConfig);
                stringAttr(fid, "backend", "tensorflow");
                fixedStringAttr(fid, "keras_version", "2.2.4");
                long root = H5Gcreate2(fid, "model_weights", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
                for (Map.Entry<String, Map<String, TfjsLayersModel.Weight>> layer : weights.entrySet()) {
                    long outer = H5Gcreate2(root, layer.getKey(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
                    String first = layer.getValue().keySet().iterator().next();
                    stringAttr(outer, "weight_names", layer.getKey() + "/" + first + ":0");
                    long inner = H5Gcreate2(outer, layer.getKey(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
                    for (Map.Entry<String, TfjsLayersModel.Weight> w : layer.getValue().entrySet()) {
                        long[] dims = w.getValue().shape();
                        long space = H5Screate_simple(dims.length, dims, null);
                        long ds = H5Dcreate2(inner, w.getKey() + ":0", H5T_IEEE_F32LE_g(), space, H5P_DEFAULT,
                                H5P_DEFAULT, H5P_DEFAULT);
                        try (FloatPointer p = new FloatPointer(w.getValue().values())) {
                            H5Dwrite(ds, H5T_NATIVE_FLOAT_g(), H5S_ALL, H5S_ALL, H5P_DEFAULT, p);
                        }
                        H5Dclose(ds);
                        H5Sclose(space);
                    }
                    H5Gclose(inner);
                    H5Gclose(outer);
                }
                H5Gclose(root);
            } finally {
                H5Fclose(fid);
            }
        }
    }

    /** A variable-length UTF-8 string attribute, as h5py writes one. */
    static void stringAttr(long object, String name, String value) {
        long type = H5Tcopy(H5T_C_S1_g());
        H5Tset_size(type, H5T_VARIABLE);
        H5Tset_cset(type, H5T_CSET_UTF8);
        long space = H5Screate(H5S_SCALAR);
        long attr = H5Acreate2(object, name, type, space, H5P_DEFAULT, H5P_DEFAULT);
        try (BytePointer text = new BytePointer(value, StandardCharsets.UTF_8);
             PointerPointer<BytePointer> holder = new PointerPointer<BytePointer>(1L).put(0, text)) {
            H5Awrite(attr, type, holder);
        }
        H5Aclose(attr);
        H5Sclose(space);
        H5Tclose(type);
    }

    /** A fixed-length string attribute, as Keras writes {@code weight_names}: HDF5 reads all of it at once. */
    static void fixedStringAttr(long object, String name, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        long type = H5Tcopy(H5T_C_S1_g());
        H5Tset_size(type, bytes.length);
        long space = H5Screate(H5S_SCALAR);
        long attr = H5Acreate2(object, name, type, space, H5P_DEFAULT, H5P_DEFAULT);
        try (BytePointer p = new BytePointer(bytes)) {
            H5Awrite(attr, type, p);
        }
        H5Aclose(attr);
        H5Sclose(space);
        H5Tclose(type);
    }
}
