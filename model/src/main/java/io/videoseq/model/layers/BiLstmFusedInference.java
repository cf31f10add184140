package io.videoseq.model.layers;

import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Inference of {@link BiLstm} with libnd4j's fused {@code lstmLayer} op: a few calls per direction instead of
 * {@link BiLstmRecurrence}'s ~12 ND4J calls per step and direction. With libnd4j's oneDNN build the op runs
 * oneDNN's LSTM primitive at GEMM speed (FLOAT only; docs/DL4J.md, "Fused LSTM").
 *
 * <p>Masked semantics without the op's {@code seqLen} input, which would switch oneDNN off: a forward LSTM's
 * outputs at real steps do not depend on right padding, so the forward call runs on the batch as it is; the
 * backward direction is a forward call on each sequence reversed within its length, its outputs reversed back.
 * Sequences are sorted by length and the steps split into a few chunks over the sequences still running
 * ({@link #chunks}), each chunk one call starting from the previous one's last state, so that few padded steps
 * are computed; padded steps are fed zeros and output 0.
 *
 * <p>Training keeps the loop: M2.1 has no oneDNN backward, and the generic {@code lstmLayer_bp} recomputes the
 * forward pass: with the oneDNN forward it takes 2× (H = 256) to 3.5× (H = 768) the loop's forward + backward.
 */
final class BiLstmFusedInference {

    /** {@link BiLstm#FUSED_INFERENCE_PROPERTY}. */
    static final String PROPERTY = BiLstm.FUSED_INFERENCE_PROPERTY;

    /** lstmLayer's gate blocks are i, f, g, o; BiLstm's params hold g, f, o, i (DL4J's LSTM order). */
    private static final int[] GATE_SOURCE = {3, 1, 0, 2};

    private static final String[] PREFIX = {"f", "b"};

    /** Fixed cost of one lstmLayer call in units of one row's (one sequence, one step), see {@link #chunks}. */
    private static final long CALL_ROWS = 64;

    private BiLstmFusedInference() {
    }

    /**
     * Whether {@link BiLstmImpl} should infer with this class. {@code auto} requires oneDNN because libnd4j's
     * generic op is slower than the loop (one direction, batch 48, 40 steps: 32 ms vs the loop's ~25 at
     * H = 256, 240 ms vs ~110 at H = 768).
     */
    static boolean appliesTo(DataType dataType) {
        String mode = System.getProperty(PROPERTY, "auto");
        return switch (mode) {
            case "never" -> false;
            case "always" -> Backend.HAS_OP;
            case "auto" -> dataType == DataType.FLOAT && Backend.HAS_ONEDNN && Nd4j.getEnvironment().helpersAllowed();
            default -> throw new IllegalStateException(
                    "system property " + PROPERTY + ": expected auto, always or never, found " + mode);
        };
    }

    /**
     * Writes the layer output for {@code input [batch, nIn, steps]} into {@code out} viewed as rows
     * {@code [2·batch·steps, H]} (row {@code 2k} forward, {@code 2k+1} backward half of batch-major step k).
     */
    static void forward(INDArray input, BiLstmPacking p, Function<String, INDArray> params, INDArray out,
            LayerWorkspaceMgr ws) {
        DataType dt = out.dataType();
        int b = p.batch, steps = p.steps;
        long nIn = input.size(1), h = out.size(1);
        long inputRows = (long) b * steps;
        List<Chunk> chunks = chunks(p);
        Chunk last = chunks.get(chunks.size() - 1);
        long rows = last.offset() + (long) last.steps() * last.rows();
        // Batch-major input rows plus a zero row that stands for "padding".
        INDArray xRows = ws.createUninitialized(ArrayType.FF_WORKING_MEM, dt, new long[] {inputRows + 1, nIn}, 'c');
        BiLstmRecurrence.rows(xRows, 0, inputRows).reshape('c', b, steps, nIn).assign(input.permute(0, 2, 1));
        xRows.getRow(inputRows).assign(0.0);
        INDArray x = ws.createUninitialized(ArrayType.FF_WORKING_MEM, dt, new long[] {2 * rows, nIn}, 'c');
        Nd4j.pullRows(xRows, x, 1, inputRows(p, chunks, (int) rows));
        INDArray hidden = ws.createUninitialized(ArrayType.FF_WORKING_MEM, dt, new long[] {2 * rows + 1, h}, 'c');
        hidden.getRow(2 * rows).assign(0.0);
        // A chunk starts from the last h and c of the previous one: two pairs, used in turn.
        INDArray state = ws.createUninitialized(ArrayType.FF_WORKING_MEM, dt, new long[] {4L * b, h}, 'c');
        for (int dir = 0; dir < 2; dir++) {
            String pre = PREFIX[dir];
            INDArray w = gatesReordered(params.apply(pre + "W"), ws);
            INDArray rw = gatesReordered(params.apply(pre + "RW"), ws);
            INDArray bias = gatesReordered(params.apply(pre + "b").reshape(1, 4 * h), ws).reshape(4 * h);
            for (int k = 0; k < chunks.size(); k++) {
                Chunk c = chunks.get(k);
                long from = dir * rows + c.offset(), n = (long) c.steps() * c.rows();
                INDArray xc = BiLstmRecurrence.rows(x, from, n).reshape('c', c.steps(), c.rows(), nIn);
                INDArray hc = BiLstmRecurrence.rows(hidden, from, n).reshape('c', c.steps(), c.rows(), h);
                INDArray hLast = BiLstmRecurrence.rows(state, (k % 2) * 2L * b, c.rows());
                INDArray cLast = BiLstmRecurrence.rows(state, (k % 2) * 2L * b + b, c.rows());
                DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder("lstmLayer")
                        .addIntegerArguments(0, 0, 2, 0, 0) // x [T, batch, nIn], forward, sigmoid gates, tanh, tanh
                        .addFloatingPointArguments(0.0) // no cell clipping
                        // bias, [initial h and c], full h out, and the last h and c, without which oneDNN's
                        // lstmLayer fails ("object is not initialized")
                        .addBooleanArguments(true, false, k > 0, k > 0, false, true, true, true)
                        .addOutputs(hc, hLast, cLast);
                if (k == 0) {
                    op.addInputs(xc, w, rw, bias);
                } else {
                    long prev = ((k - 1) % 2) * 2L * b;
                    op.addInputs(xc, w, rw, bias, BiLstmRecurrence.rows(state, prev, c.rows()),
                            BiLstmRecurrence.rows(state, prev + b, c.rows()));
                }
                Nd4j.exec(op.build());
            }
        }
        Nd4j.pullRows(hidden, out, 1, outputRows(p, chunks, (int) rows));
    }

    /**
     * A run of time steps {@code [start, start+steps)} over the {@code rows} longest sequences (those still
     * real at {@code start}), stored time-major from row {@code offset} of a direction's stacked buffers.
     */
    private record Chunk(int start, int steps, int rows, long offset) {
    }

    /**
     * Splits the steps so that padded steps cost little: one op call over the whole batch would compute every
     * sequence up to the longest (+19 % rows for lengths 24..40 of 40), a call per step would pay the op's fixed
     * cost (oneDNN reorders the weights: ~35-75 rows' worth, 0.15 ms vs 4.4 µs per row at H = 256, 3 ms vs 40 µs
     * at H = 768) every step. Minimizes {@code Σ (CALL_ROWS + rows·steps)} over chunk boundaries at sequence
     * ends, by dynamic programming over those ends.
     */
    static List<Chunk> chunks(BiLstmPacking p) {
        int[] ends = IntStream.concat(IntStream.of(0), Arrays.stream(p.lengths)).distinct().sorted().toArray();
        int m = ends.length;
        long[] cost = new long[m];
        int[] from = new int[m];
        Arrays.fill(cost, Long.MAX_VALUE);
        cost[0] = 0;
        for (int j = 1; j < m; j++) {
            for (int i = 0; i < j; i++) {
                long c = cost[i] + CALL_ROWS + (long) p.active[ends[i]] * (ends[j] - ends[i]);
                if (c < cost[j]) {
                    cost[j] = c;
                    from[j] = i;
                }
            }
        }
        List<int[]> spans = new ArrayList<>();
        for (int j = m - 1; j > 0; j = from[j]) {
            spans.add(0, new int[] {ends[from[j]], ends[j]});
        }
        List<Chunk> chunks = new ArrayList<>();
        long offset = 0;
        for (int[] s : spans) {
            Chunk c = new Chunk(s[0], s[1] - s[0], p.active[s[0]], offset);
            chunks.add(c);
            offset += (long) c.steps() * c.rows();
        }
        return chunks;
    }

    /** Copy of {@code [n, 4H]} with its column blocks in lstmLayer's gate order ('f': columns are copied whole). */
    private static INDArray gatesReordered(INDArray a, LayerWorkspaceMgr ws) {
        long h = a.size(1) / 4;
        int[] columns = new int[(int) (4 * h)];
        for (int k = 0; k < 4; k++) {
            for (int j = 0; j < h; j++) {
                columns[(int) (k * h + j)] = (int) (GATE_SOURCE[k] * h + j);
            }
        }
        INDArray r = ws.createUninitialized(ArrayType.FF_WORKING_MEM, a.dataType(), a.shape(), 'f');
        Nd4j.pullRows(a, r, 0, columns);
        return r;
    }

    /**
     * Source row in the batch-major input (or the zero row {@code batch·steps}) of each row of the stacked
     * chunked input (forward rows, then backward rows): step s of the sequence at sorted position r, read
     * backwards within its length for the backward direction.
     */
    private static int[] inputRows(BiLstmPacking p, List<Chunk> chunks, int rows) {
        int zero = p.batch * p.steps;
        int[] idx = new int[2 * rows];
        for (Chunk c : chunks) {
            for (int s = c.start(); s < c.start() + c.steps(); s++) {
                for (int r = 0; r < c.rows(); r++) {
                    int i = p.order[r], len = p.lengths[i];
                    int row = (int) c.offset() + (s - c.start()) * c.rows() + r;
                    idx[row] = s < len ? i * p.steps + s : zero;
                    idx[rows + row] = s < len ? i * p.steps + len - 1 - s : zero;
                }
            }
        }
        return idx;
    }

    /** Row of the stacked chunked outputs (or their zero row) for each output row, see {@link #forward}. */
    private static int[] outputRows(BiLstmPacking p, List<Chunk> chunks, int rows) {
        int[] rowOfStep = new int[p.steps]; // stacked row of (step, sorted position 0), for steps inside a chunk
        for (Chunk c : chunks) {
            for (int s = c.start(); s < c.start() + c.steps(); s++) {
                rowOfStep[s] = (int) c.offset() + (s - c.start()) * c.rows();
            }
        }
        int[] idx = new int[2 * p.batch * p.steps];
        Arrays.fill(idx, 2 * rows);
        for (int r = 0; r < p.batch; r++) {
            int i = p.order[r], len = p.lengths[i];
            for (int t = 0; t < len; t++) {
                int k = i * p.steps + t, back = len - 1 - t;
                idx[2 * k] = rowOfStep[t] + r;
                idx[2 * k + 1] = rows + rowOfStep[back] + r;
            }
        }
        return idx;
    }

    /** What the loaded libnd4j offers, looked up once. */
    private static final class Backend {
        static final boolean HAS_OP = Nd4j.getExecutioner().getCustomOperations().containsKey("lstmLayer");
        static final boolean HAS_ONEDNN = HAS_OP
                && NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo().contains("HAVE_ONEDNN");
    }
}
