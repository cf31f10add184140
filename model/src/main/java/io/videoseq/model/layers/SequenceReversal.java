package io.videoseq.model.layers;

import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;


/** Reverses {@code [batch, n, time]} series within each sequence's length, leaving the padding where it is. */
final class SequenceReversal {

    private SequenceReversal() {
    }

    /**
     * Lengths of a right-padded mask {@code [batch, time]} (or {@code [batch, 1, time]}).
     *
     * @throws IllegalArgumentException if a row is not of the form {@code 1…1 0…0}
     */
    static int[] lengths(INDArray mask) {
        double[][] rows = mask.reshape(mask.size(0), mask.length() / mask.size(0)).toDoubleMatrix();
        int[] lengths = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            int len = 0;
            while (len < rows[i].length && rows[i][len] != 0.0) {
                len++;
            }
            for (int t = len; t < rows[i].length; t++) {
                if (rows[i][t] != 0.0) {
                    throw new IllegalArgumentException("feature mask row " + i
                            + ": expected right padding (1...1 0...0), found a real step at " + t + " after padding at "
                            + len);
                }
            }
            lengths[i] = len;
        }
        return lengths;
    }

    /** {@code lengths == null} means every sequence fills the whole series. */
    static INDArray reverse(INDArray x, int[] lengths, LayerWorkspaceMgr workspaceMgr, ArrayType type) {
        int batch = (int) x.size(0);
        int n = (int) x.size(1);
        int steps = (int) x.size(2);
        // One gather over the [batch*time, n] rows instead of a copy per sequence.
        int[] source = new int[batch * steps];
        for (int i = 0; i < batch; i++) {
            int len = lengths == null ? steps : lengths[i];
            for (int t = 0; t < steps; t++) {
                source[i * steps + t] = i * steps + (t < len ? len - 1 - t : t);
            }
        }
        INDArray rows = x.permute(0, 2, 1).dup('c').reshape('c', (long) batch * steps, n);
        INDArray gathered = Nd4j.pullRows(rows, 1, source);
        return workspaceMgr.dup(type, gathered.reshape('c', batch, steps, n).permute(0, 2, 1), 'c');
    }
}
