package io.videoseq.model.layers;

import java.util.Arrays;

/**
 * A right-padded batch laid out for oneDNN's inference primitive without computing most of its padding, as
 * PyTorch's packed sequences do: sequences sorted by length (decreasing, {@link BiLstmPacking#order}), the time
 * axis cut into segments over which the batch shrinks to the sequences still running, rounded up to a multiple of
 * {@link #QUANTUM} (so a batch of 48 gives at most 6 segments, and few distinct primitive shapes). Each segment is
 * one primitive call on {@code [steps_s, batch_s, ·]} that starts from the previous segment's final states; the
 * states of the sequences still running are the first {@code batch_s} rows of those, because of the sorting.
 * Rows a segment computes for sequences that already ended read zeros, come after every real step of their
 * sequence and are never read back, so real outputs are exact.
 *
 * <p>Row {@code base[s] + (t - start[s])·batch[s] + r} of a direction's block holds step t of the sequence of rank
 * r; the backward direction's block ({@code rows} rows further) holds each sequence reversed within its length.
 */
final class OneDnnLstmSegments {

    /**
     * Batch sizes of segments are multiples of this (or the whole batch). System property {@value #PROPERTY}
     * overrides it for measurements; a value at least the batch size gives one segment (every padded row computed).
     */
    static final int QUANTUM = 8;
    static final String PROPERTY = "videoseq.bilstm.onednn.quantum";

    final int count;
    final int[] start;
    final int[] steps;
    final int[] batch;
    final long[] base;
    /** Rows of one direction's block. */
    final int rows;
    /** Row of the batch-major input {@code [batch·steps + 1, nIn]} (last = zero row) for each of the 2·rows rows. */
    final int[] inputRows;
    /**
     * Row of the stacked outputs {@code [2·rows + 1, H]} (last = zero row) for each layer output row: {@code 2k}
     * forward and {@code 2k+1} backward half of batch-major step k.
     */
    final int[] outputRows;

    private OneDnnLstmSegments(BiLstmPacking p, int quantum) {
        int[] st = new int[p.steps], sn = new int[p.steps], sb = new int[p.steps];
        int n = 0;
        for (int t = 0; t < p.steps && p.active[t] > 0; n++) {
            int b = quantized(p.active[t], p.batch, quantum), t1 = t + 1;
            while (t1 < p.steps && p.active[t1] > 0 && quantized(p.active[t1], p.batch, quantum) == b) {
                t1++;
            }
            st[n] = t;
            sn[n] = t1 - t;
            sb[n] = b;
            t = t1;
        }
        count = n;
        start = Arrays.copyOf(st, n);
        steps = Arrays.copyOf(sn, n);
        batch = Arrays.copyOf(sb, n);
        base = new long[n];
        long r = 0;
        for (int s = 0; s < n; s++) {
            base[s] = r;
            r += (long) steps[s] * batch[s];
        }
        if (2 * r + 1 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("BiLstm on oneDNN: batch " + p.batch + " x " + p.steps
                    + " steps has more rows than an index can address");
        }
        rows = (int) r;
        int tb = p.batch * p.steps;
        inputRows = new int[2 * rows];
        outputRows = new int[2 * tb];
        Arrays.fill(outputRows, 2 * rows);
        for (int s = 0; s < n; s++) {
            for (int t = start[s]; t < start[s] + steps[s]; t++) {
                for (int k = 0; k < batch[s]; k++) {
                    int i = p.order[k], len = p.lengths[i];
                    int row = (int) (base[s] + (long) (t - start[s]) * batch[s] + k);
                    boolean real = t < len;
                    inputRows[row] = real ? i * p.steps + t : tb;
                    inputRows[rows + row] = real ? i * p.steps + len - 1 - t : tb;
                    if (real) {
                        outputRows[2 * (i * p.steps + t)] = row;
                        outputRows[2 * (i * p.steps + len - 1 - t) + 1] = rows + row;
                    }
                }
            }
        }
    }

    static OneDnnLstmSegments of(BiLstmPacking p) {
        return of(p, Integer.getInteger(PROPERTY, QUANTUM));
    }

    static OneDnnLstmSegments of(BiLstmPacking p, int quantum) {
        if (quantum < 1) {
            throw new IllegalStateException("system property " + PROPERTY + ": expected an integer >= 1, found "
                    + quantum);
        }
        return new OneDnnLstmSegments(p, quantum);
    }

    private static int quantized(int active, int batch, int quantum) {
        return (int) Math.min(batch, ((long) active + quantum - 1) / quantum * quantum);
    }
}
