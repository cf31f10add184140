package io.videoseq.model.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Packed layout of one batch for {@link BiLstmImpl}, like PyTorch's {@code PackedSequence}: sequences are sorted
 * by length (descending), so at step t the active sequences are rows {@code 0..active[t]-1}; the rows of step t
 * are {@code offset[t] .. offset[t]+active[t]-1} of a packed matrix with {@code rows = Σ lengths} rows. The forward
 * direction's packed rows are {@code [0, rows)}, the backward direction's {@code [rows, 2·rows)}, where backward
 * step s of a sequence of length L is original step {@code L-1-s}. Row {@code 2·rows} of a packed buffer is kept
 * zero and stands for "padding".
 *
 * <p>Batch-major row index of (example i, step t) is {@code i·steps + t}.
 */
final class BiLstmPacking {

    final int batch;
    final int steps;
    /** Real steps of each sequence (batch order). */
    final int[] lengths;
    /** Examples by decreasing length (stable): packed row r of a step belongs to example {@code order[r]}. */
    final int[] order;
    /** Number of real steps over the batch (packed rows per direction). */
    final int rows;
    /** Active sequences at step t. */
    final int[] active;
    /** First packed row of step t (per direction). */
    final int[] offset;
    /** Packed row (both directions, [2·rows]) → batch-major input row. */
    final int[] inputRow;
    /** Output row {@code 2k} / {@code 2k+1} (k batch-major) → forward / backward packed row, or 2·rows. */
    final int[] outputRow;
    /** Packed row → row of the epsilon viewed as {@code [2·batch·steps, H]} (2k forward, 2k+1 backward half). */
    final int[] epsilonRow;
    /** Packed row → packed row of the previous step of the same direction, or 2·rows at its first step. */
    final int[] previousRow;

    private BiLstmPacking(int[] lengths, int steps) {
        this.batch = lengths.length;
        this.steps = steps;
        this.lengths = lengths;
        Integer[] sorted = IntStream.range(0, batch).boxed().toArray(Integer[]::new);
        Arrays.sort(sorted, Comparator.comparingInt((Integer i) -> -lengths[i])); // stable
        order = Arrays.stream(sorted).mapToInt(Integer::intValue).toArray();
        active = new int[steps];
        offset = new int[steps + 1];
        for (int t = 0; t < steps; t++) {
            int n = 0;
            while (n < batch && lengths[order[n]] > t) {
                n++;
            }
            active[t] = n;
            offset[t + 1] = offset[t] + n;
        }
        rows = offset[steps];
        int zero = 2 * rows;
        inputRow = new int[2 * rows];
        epsilonRow = new int[2 * rows];
        previousRow = new int[2 * rows];
        outputRow = new int[2 * batch * steps];
        Arrays.fill(outputRow, zero);
        for (int t = 0; t < steps; t++) {
            for (int r = 0; r < active[t]; r++) {
                int i = order[r];
                int len = lengths[i];
                int fwd = offset[t] + r;
                int bwd = rows + offset[t] + r;
                int tf = i * steps + t;
                int tb = i * steps + (len - 1 - t);
                inputRow[fwd] = tf;
                inputRow[bwd] = tb;
                epsilonRow[fwd] = 2 * tf;
                epsilonRow[bwd] = 2 * tb + 1;
                previousRow[fwd] = t == 0 ? zero : offset[t - 1] + r;
                previousRow[bwd] = t == 0 ? zero : rows + offset[t - 1] + r;
                outputRow[2 * tf] = fwd;
                outputRow[2 * tb + 1] = bwd;
            }
        }
    }

    /** Layout for a right-padded mask {@code [batch, steps]} (or {@code [batch, 1, steps]}); null = all real. */
    static BiLstmPacking of(INDArray mask, int batch, int steps) {
        return new BiLstmPacking(lengths(mask, batch, steps), steps);
    }

    /**
     * Sequence lengths of a right-padded mask.
     *
     * @throws IllegalArgumentException if the mask has the wrong size or a row is not {@code 1…1 0…0}
     */
    static int[] lengths(INDArray mask, int batch, int steps) {
        int[] lengths = new int[batch];
        if (mask == null) {
            Arrays.fill(lengths, steps);
            return lengths;
        }
        if (mask.length() != (long) batch * steps) {
            throw new IllegalArgumentException("BiLstm feature mask: expected shape [" + batch + ", " + steps
                    + "], found " + Arrays.toString(mask.shape()));
        }
        double[][] m = mask.reshape(batch, steps).toDoubleMatrix();
        for (int i = 0; i < batch; i++) {
            int len = 0;
            while (len < steps && m[i][len] != 0.0) {
                len++;
            }
            for (int t = len; t < steps; t++) {
                if (m[i][t] != 0.0) {
                    throw new IllegalArgumentException("BiLstm feature mask row " + i
                            + ": expected right padding (1...1 0...0), found a real step at " + t
                            + " after padding at " + len);
                }
            }
            lengths[i] = len;
        }
        return lengths;
    }
}
