package io.videoseq.model.layers;

import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

import java.util.function.Function;

/**
 * Inference of {@link BiLstm} with libnd4j's fused {@code lstmLayer} op: one call per direction instead of
 * {@link BiLstmRecurrence}'s ~12 ND4J calls per step and direction. With libnd4j's oneDNN build the op runs
 * oneDNN's LSTM primitive at GEMM speed (FLOAT only; docs/DL4J.md, "Fused LSTM").
 *
 * <p>Masked semantics without the op's {@code seqLen} input, which would switch oneDNN off: a forward LSTM's
 * outputs at real steps do not depend on right padding, so the forward call runs on the batch as it is; the
 * backward direction is a forward call on each sequence reversed within its length, its outputs reversed back.
 * Both calls run only the first {@code max(lengths)} steps; padded steps are fed zeros and output 0.
 *
 * <p>Training keeps the loop: M2.1 has no oneDNN backward, and the generic {@code lstmLayer_bp} recomputes the
 * forward pass and is 2-4× slower than the loop's forward + backward.
 */
final class BiLstmFusedInference {

    /** {@link BiLstm#FUSED_INFERENCE_PROPERTY}. */
    static final String PROPERTY = BiLstm.FUSED_INFERENCE_PROPERTY;

    /** lstmLayer's gate blocks are i, f, g, o; BiLstm's params hold g, f, o, i (DL4J's LSTM order). */
    private static final int[] GATE_SOURCE = {3, 1, 0, 2};

    private static final String[] PREFIX = {"f", "b"};

    private BiLstmFusedInference() {
    }

    /**
     * Whether {@link BiLstmImpl} should infer with this class. {@code auto} requires oneDNN because libnd4j's
     * generic op is not faster than the loop everywhere (one direction, batch 48, 40 steps: 32 ms vs the
     * loop's ~70 at H = 256, but 240 ms vs ~140 at H = 768).
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
        int b = p.batch, steps = p.steps, span = maxLength(p.lengths);
        long nIn = input.size(1), h = out.size(1);
        long rows = (long) b * steps, spanRows = (long) span * b;
        // Batch-major input rows plus a zero row that stands for "padding".
        INDArray xRows = ws.createUninitialized(ArrayType.FF_WORKING_MEM, dt, new long[] {rows + 1, nIn}, 'c');
        BiLstmRecurrence.rows(xRows, 0, rows).reshape('c', b, steps, nIn).assign(input.permute(0, 2, 1));
        xRows.getRow(rows).assign(0.0);
        // Time-major [span, batch, nIn] input of each direction, stacked: forward, then backward.
        INDArray x = ws.createUninitialized(ArrayType.FF_WORKING_MEM, dt, new long[] {2 * spanRows, nIn}, 'c');
        Nd4j.pullRows(xRows, x, 1, inputRows(p, span));
        INDArray hidden = ws.createUninitialized(ArrayType.FF_WORKING_MEM, dt, new long[] {2 * spanRows + 1, h}, 'c');
        hidden.getRow(2 * spanRows).assign(0.0);
        // oneDNN's lstmLayer fails ("object is not initialized") unless the last h and c are requested too.
        INDArray lastH = ws.createUninitialized(ArrayType.FF_WORKING_MEM, dt, new long[] {b, h}, 'c');
        INDArray lastC = ws.createUninitialized(ArrayType.FF_WORKING_MEM, dt, new long[] {b, h}, 'c');
        for (int dir = 0; dir < 2; dir++) {
            String pre = PREFIX[dir];
            INDArray w = gatesReordered(params.apply(pre + "W"), ws);
            INDArray rw = gatesReordered(params.apply(pre + "RW"), ws);
            INDArray bias = gatesReordered(params.apply(pre + "b").reshape(1, 4 * h), ws).reshape(4 * h);
            INDArray xDir = BiLstmRecurrence.rows(x, dir * spanRows, spanRows).reshape('c', span, b, nIn);
            INDArray hDir = BiLstmRecurrence.rows(hidden, dir * spanRows, spanRows).reshape('c', span, b, h);
            Nd4j.exec(DynamicCustomOp.builder("lstmLayer").addInputs(xDir, w, rw, bias)
                    .addOutputs(hDir, lastH, lastC)
                    .addIntegerArguments(0, 0, 2, 0, 0) // x [T, batch, nIn], forward, sigmoid gates, tanh, tanh
                    .addBooleanArguments(true, false, false, false, false, true, true, true) // bias; h, hL, cL out
                    .addFloatingPointArguments(0.0) // no cell clipping
                    .build());
        }
        Nd4j.pullRows(hidden, out, 1, outputRows(p, span));
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

    private static int maxLength(int[] lengths) {
        int max = 0;
        for (int len : lengths) {
            max = Math.max(max, len);
        }
        return max;
    }

    /**
     * Source row in the batch-major input (or the zero row {@code batch·steps}) of row {@code (d·span + s)·batch
     * + i} of the stacked time-major input: step s of example i, read backwards within its length for d = 1.
     */
    private static int[] inputRows(BiLstmPacking p, int span) {
        int b = p.batch, zero = b * p.steps;
        int[] idx = new int[2 * span * b];
        for (int i = 0; i < b; i++) {
            int len = p.lengths[i];
            for (int s = 0; s < span; s++) {
                idx[s * b + i] = s < len ? i * p.steps + s : zero;
                idx[(span + s) * b + i] = s < len ? i * p.steps + len - 1 - s : zero;
            }
        }
        return idx;
    }

    /** Row of the stacked time-major outputs (or their zero row) for each output row, see {@link #forward}. */
    private static int[] outputRows(BiLstmPacking p, int span) {
        int b = p.batch, zero = 2 * span * b;
        int[] idx = new int[2 * b * p.steps];
        for (int i = 0; i < b; i++) {
            int len = p.lengths[i];
            for (int t = 0; t < p.steps; t++) {
                int k = i * p.steps + t;
                idx[2 * k] = t < len ? t * b + i : zero;
                idx[2 * k + 1] = t < len ? (span + len - 1 - t) * b + i : zero;
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
