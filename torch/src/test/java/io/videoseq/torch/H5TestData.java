package io.videoseq.torch;

import org.bytedeco.hdf5.DataSet;
import org.bytedeco.hdf5.DataSpace;
import org.bytedeco.hdf5.H5File;
import org.bytedeco.hdf5.PredType;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.PointerScope;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;

import static org.bytedeco.hdf5.global.hdf5.H5F_ACC_RDONLY;

/** Reads root-level datasets of a test fixture as DOUBLE arrays (HDF5 converts int64 to double). */
final class H5TestData {

    private H5TestData() {
    }

    static INDArray read(Path file, String name) {
        long[] shape;
        double[] v;
        // Under the HDF5 lock, with every HDF5 object deleted before it is released (see StateDictFile). The ND4J
        // array is made outside the scope, which would otherwise free its buffer too.
        synchronized (org.bytedeco.hdf5.global.hdf5.class) {
            try (PointerScope scope = new PointerScope()) {
                H5File f = new H5File(file.toString(), H5F_ACC_RDONLY);
                try {
                    DataSet ds = f.openDataSet(name);
                    DataSpace space = ds.getSpace();
                    shape = new long[space.getSimpleExtentNdims()];
                    space.getSimpleExtentDims(shape);
                    DoublePointer p = new DoublePointer(space.getSimpleExtentNpoints());
                    ds.read(p, PredType.NATIVE_DOUBLE());
                    v = new double[(int) space.getSimpleExtentNpoints()];
                    p.get(v);
                    space._close();
                    ds._close();
                } finally {
                    f._close();
                }
            }
        }
        return Nd4j.create(v, shape, 'c').castTo(DataType.DOUBLE);
    }

    /** Features {@code [batch, time, feature]} (PyTorch batch_first) → DL4J {@code [batch, feature, time]}. */
    static INDArray toNcw(INDArray btf, DataType dt) {
        return btf.permute(0, 2, 1).dup('c').castTo(dt);
    }

    /** Mask {@code [batch, maxLen]}: 1 for steps below the sequence's length. */
    static INDArray mask(INDArray lengths, long maxLen, DataType dt) {
        INDArray m = Nd4j.zeros(dt, lengths.length(), maxLen);
        for (int i = 0; i < lengths.length(); i++) {
            for (int t = 0; t < lengths.getInt(i); t++) {
                m.putScalar(i, t, 1.0);
            }
        }
        return m;
    }
}
