package io.videoseq.model.layers;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RowOpsTest {

    /** Softmax written out in double: exp(x - max) / sum, along the last dimension. */
    private static double[] softmaxRow(double[] x) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.exp(x[i] - max);
            sum += out[i];
        }
        for (int i = 0; i < x.length; i++) {
            out[i] /= sum;
        }
        return out;
    }

    /**
     * The one-op softmax equals the written-out formula in place, along the last dimension of a rank-3 array, with
     * masked scores (the attention's -1e9 penalty) giving exactly 0: in double to 1e-15, in float (oneDNN's
     * primitive in the oneDNN build) to 3e-6 relative.
     */
    @Test
    void softmaxInPlaceAlongLastDimensionMatchesFormula() {
        for (DataType dt : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            Nd4j.getRandom().setSeed(7);
            INDArray s = Nd4j.rand(DataType.DOUBLE, 6, 5, 9).subi(0.5).muli(20);
            s.get(org.nd4j.linalg.indexing.NDArrayIndex.point(2), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(6, 9)).subi(RowOps.MASK_PENALTY);
            INDArray in = s.castTo(dt).dup('c');
            INDArray expectedFrom = in.castTo(DataType.DOUBLE).dup(); // castTo of the same type returns the array itself
            INDArray out = RowOps.softmaxLastDimInPlace(in);
            // float: exp amplifies the rounding of (x - max), |x - max| up to 20 here, to ~20 ulp relative
            double tol = dt == DataType.DOUBLE ? 1e-15 : 3e-6;
            for (int i = 0; i < 6; i++) {
                for (int j = 0; j < 5; j++) {
                    double[] row = expectedFrom.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i), org.nd4j.linalg.indexing.NDArrayIndex.point(j), org.nd4j.linalg.indexing.NDArrayIndex.all()).toDoubleVector();
                    double[] expected = softmaxRow(row);
                    for (int k = 0; k < 9; k++) {
                        double got = in.getDouble(i, j, k);
                        assertEquals(expected[k], got, tol * Math.max(expected[k], 1e-30) + 1e-30,
                                dt + " [" + i + ", " + j + ", " + k + "]");
                        if (i == 2 && k >= 6) {
                            assertEquals(0.0, got, 0.0, "masked score " + dt);
                        }
                    }
                }
            }
            assertEquals(in, out);
        }
    }
}
