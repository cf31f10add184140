package io.videoseq.model.layers;

import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.random.impl.DropOutInverted;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Array helpers shared by the videoseq layers. A sequence {@code [b, n, T]} is processed as a row matrix
 * {@code [b*T, n]} (row index {@code i*T + t}) so that every projection is one GEMM; a time mask {@code [b, T]}
 * becomes a column {@code [b*T, 1]} in the same row order.
 */
final class RowOps {

    /** PyTorch's LayerNorm epsilon. */
    static final double LN_EPS = 1e-5;
    /** Added to the scores of padded steps; exp underflows to exactly 0 while a fully padded row stays finite. */
    static final double MASK_PENALTY = 1e9;

    private RowOps() {
    }

    /** Copies {@code x [b, n, T]} (any strides) into a new c-order {@code [b*T, n]} array of workspace type {@code at}. */
    static INDArray toRows(INDArray x, DataType dt, LayerWorkspaceMgr ws, ArrayType at) {
        long b = x.size(0), n = x.size(1), t = x.size(2);
        INDArray out = alloc(ws, at, dt, b, t, n);
        out.assign(x.permute(0, 2, 1));
        return out.reshape('c', b * t, n);
    }

    /**
     * {@code x [b, n, T]} as c-order rows {@code [b*T, n]} for an inference pass that only reads them: a view without
     * a copy when {@code x} is already such rows seen as a sequence (what {@link #fromRows} returns, i.e. every layer's
     * output), else a copy in the current scope.
     */
    static INDArray rowsToRead(INDArray x, DataType dt, LayerWorkspaceMgr ws) {
        long b = x.size(0), n = x.size(1), t = x.size(2);
        INDArray btn = x.permute(0, 2, 1);
        long[] st = btn.stride();
        if (x.dataType() == dt && st[2] == 1 && st[1] == n && (b == 1 || st[0] == t * n)) {
            INDArray rows = btn.reshape('c', b * t, n);
            if (rows.ordering() == 'c' && rows.elementWiseStride() == 1 && rows.data().offset() == rows.offset()) {
                return rows;
            }
        }
        return toRows(x, dt, ws, null);
    }

    /** New c-order array in workspace type {@code at}, or in the current scope when {@code at} is null. */
    static INDArray alloc(LayerWorkspaceMgr ws, ArrayType at, DataType dt, long... shape) {
        return at == null ? Nd4j.createUninitialized(dt, shape, 'c') : ws.createUninitialized(at, dt, shape, 'c');
    }

    /** {@code arr} moved to workspace type {@code at} (copied only if needed), or itself when {@code at} is null. */
    static INDArray keep(LayerWorkspaceMgr ws, ArrayType at, INDArray arr) {
        return at == null ? arr : ws.leverageTo(at, arr);
    }

    /** View of c-order rows {@code [b*T, n]} as a sequence {@code [b, n, T]} (no copy). */
    static INDArray fromRows(INDArray rows, long b, long t) {
        return rows.reshape('c', b, t, rows.size(1)).permute(0, 2, 1);
    }

    /** Mask {@code [b, T]} as a row-order column {@code [b*T, 1]} of type {@code dt}, or null. */
    static INDArray rowMask(INDArray mask, DataType dt, long b, long t) {
        if (mask == null) {
            return null;
        }
        if (mask.length() != b * t) {
            throw new IllegalStateException("mask: expected shape [" + b + ", " + t + "], found "
                    + java.util.Arrays.toString(mask.shape()));
        }
        return mask.castTo(dt).dup('c').reshape('c', b * t, 1);
    }

    /** Zeroes, in place, the rows {@code [b*T, n]} of padded steps of {@code mask [b, T]} (nothing when null). */
    static INDArray zeroPadding(INDArray rows, INDArray mask, DataType dt, long b, long t) {
        INDArray rm = rowMask(mask, dt, b, t);
        return rm == null ? rows : rows.muliColumnVector(rm);
    }

    /** Result of a row LayerNorm: normalized values and 1/sqrt(var + eps) per row. */
    record Norm(INDArray xhat, INDArray rstd) {
    }

    /**
     * PyTorch LayerNorm statistics over each row of {@code z} (biased variance, eps 1e-5), normalizing
     * {@code z} IN PLACE into {@code xhat}; returns it with the per-row {@code rstd [n, 1]} (kept in workspace
     * type {@code at} when not null, so that it survives until backprop).
     */
    static Norm normalizeInPlace(INDArray z, LayerWorkspaceMgr ws, ArrayType at) {
        INDArray mu = z.mean(true, 1);
        z.subiColumnVector(mu);
        INDArray var = z.mul(z).mean(true, 1);
        INDArray rstd = Transforms.sqrt(var.addi(LN_EPS), false).rdivi(1.0);
        z.muliColumnVector(rstd);
        return new Norm(z, keep(ws, at, rstd));
    }

    /**
     * LayerNorm backward. {@code dy} is dL/d(xhat*g + beta); writes dL/dg and dL/dbeta into the gradient views
     * and returns dL/dz (overwriting {@code dy}).
     */
    static INDArray layerNormBackward(INDArray dy, Norm norm, INDArray g, INDArray dg, INDArray dbeta) {
        INDArray xhat = norm.xhat();
        columnSums(dy, dbeta);
        columnSums(dy.mul(xhat), dg);
        INDArray dxhat = dy.muliRowVector(g);
        INDArray m1 = dxhat.mean(true, 1);
        INDArray m2 = dxhat.mul(xhat).mean(true, 1);
        dxhat.subiColumnVector(m1);
        dxhat.subi(xhat.mulColumnVector(m2));
        return dxhat.muliColumnVector(norm.rstd());
    }

    /**
     * Column sums of a {@code [n, m]} matrix into {@code out} (m values, any shape): a bias gradient. One GEMV with a
     * row of ones instead of {@code rows.sum(out, 0)}: libnd4j's reduction along dimension 0 of a c-order matrix
     * walks it column by column and was 14 % of a small training step (bench/RESULTS.md, "Where the time goes now").
     */
    static void columnSums(INDArray rows, INDArray out) {
        INDArray ones = Nd4j.ones(rows.dataType(), 1, rows.size(0));
        INDArray sums = Nd4j.gemm(ones, rows, false, false);
        out.assign(sums.reshape(out.shape()));
    }

    /** Inverted-dropout mask (0 or 1/(1-dropProb)) drawn from Nd4j's global RNG, in workspace type {@code at}. */
    static INDArray dropMask(long[] shape, double dropProb, DataType dt, LayerWorkspaceMgr ws, ArrayType at) {
        INDArray m = alloc(ws, at, dt, shape).assign(1.0);
        Nd4j.getExecutioner().exec(new DropOutInverted(m, m, 1.0 - dropProb));
        return m;
    }

    /**
     * Softmax along the last dimension, in place, as libnd4j's one {@code softmax} op (max-shifted like PyTorch's;
     * oneDNN's softmax primitive in the oneDNN build). It replaces five separate calls (max, subtract, exp, sum,
     * divide) with their two temporaries: 2.6 ms -> 0.3 ms on the small config's attention scores
     * {@code [192, 40, 40]} (one thread, bench/RESULTS.md "The step outside the BiLSTM").
     */
    static INDArray softmaxLastDimInPlace(INDArray s) {
        Nd4j.exec(new SoftMax(s, s, s.rank() - 1));
        return s;
    }

    /** Softmax backward along the last dimension: returns p * (dp - sum(dp * p)), overwriting {@code dp}. */
    static INDArray softmaxBackwardInPlace(INDArray p, INDArray dp) {
        int last = p.rank() - 1;
        INDArray dot = dp.mul(p).sum(true, last);
        return dp.subi(dot).muli(p);
    }
}
