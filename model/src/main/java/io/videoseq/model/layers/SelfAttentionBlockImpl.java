package io.videoseq.model.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;

/**
 * Implementation of {@link SelfAttentionBlock} in plain ND4J: one GEMM for the packed q/k/v projection over all
 * (batch × time) rows, batched matmuls over {@code [batch*heads, T, headDim]}, one GEMM for the output projection,
 * residual and row LayerNorm; backprop by hand. Training caches (input rows, heads, attention weights, dropout
 * masks, context, normalized output) live in the INPUT workspace, which DL4J keeps until backprop.
 */
public class SelfAttentionBlockImpl extends BaseLayer<SelfAttentionBlock> {

    private record Cache(INDArray inputRef, INDArray x, INDArray heads, INDArray p, INDArray attMask,
                         INDArray ctxRows, INDArray outMask, RowOps.Norm norm, long b, long t) {
    }

    private Cache cache;

    public SelfAttentionBlockImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    private static INDArray head(INDArray heads, int which) {
        return heads.get(NDArrayIndex.point(which), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all());
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr ws) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, ws);
        cache = null;
        SelfAttentionBlock c = layerConf();
        long e = c.getNIn();
        if (input.rank() != 3 || input.size(1) != e) {
            throw new IllegalStateException(layerId() + ": expected input [batch, " + e + ", time], found "
                    + Arrays.toString(input.shape()));
        }
        ArrayType keepAt = training ? ArrayType.INPUT : null;
        long b = input.size(0), t = input.size(2), h = c.getNumHeads(), dh = e / h, n = b * t;
        double scale = 1.0 / Math.sqrt(dh);

        if (OneDnnRowsSwitch.appliesTo(dataType, training) && OneDnnRows.addressable(getParam("Wqkv"),
                getParam("bqkv"), getParam("Wo"), getParam("bo"), getParam("g"), getParam("beta"))) {
            return inferOneDnn(b, t, h, scale, ws);
        }
        INDArray x = RowOps.toRows(input, dataType, ws, keepAt);
        INDArray qkv = Nd4j.createUninitialized(dataType, new long[] {n, 3 * e}, 'c');
        Nd4j.gemm(x, getParam("Wqkv"), qkv, false, false, 1.0, 0.0);
        qkv.addiRowVector(getParam("bqkv"));
        INDArray heads = RowOps.alloc(ws, keepAt, dataType, 3, b, h, t, dh);
        heads.assign(qkv.reshape('c', b, t, 3, h, dh).permute(2, 0, 3, 1, 4));
        heads = heads.reshape('c', 3, b * h, t, dh);
        INDArray q = head(heads, 0), k = head(heads, 1), v = head(heads, 2);

        INDArray p = RowOps.alloc(ws, keepAt, dataType, b * h, t, t);
        Nd4j.matmul(q, k, p, false, true, false);
        p.muli(scale);
        if (maskArray != null) {
            INDArray penalty = maskArray.castTo(dataType).dup('c').reshape('c', b, 1, 1, t)
                    .sub(1.0).muli(RowOps.MASK_PENALTY);
            p.reshape('c', b, h, t, t).addi(penalty);
        }
        RowOps.softmaxLastDimInPlace(p);
        INDArray attMask = null;
        INDArray pd = p;
        if (training && c.getAttentionDropProb() > 0) {
            attMask = RowOps.dropMask(p.shape(), c.getAttentionDropProb(), dataType, ws, keepAt);
            pd = p.mul(attMask);
        }
        INDArray ctx = Nd4j.matmul(pd, v);
        INDArray ctxRows = RowOps.alloc(ws, keepAt, dataType, b, t, h, dh);
        ctxRows.assign(ctx.reshape('c', b, h, t, dh).permute(0, 2, 1, 3));
        ctxRows = ctxRows.reshape('c', n, e);

        INDArray r = RowOps.alloc(ws, keepAt, dataType, n, e);
        Nd4j.gemm(ctxRows, getParam("Wo"), r, false, false, 1.0, 0.0);
        r.addiRowVector(getParam("bo"));
        INDArray outMask = null;
        if (training && c.getOutputDropProb() > 0) {
            outMask = RowOps.dropMask(r.shape(), c.getOutputDropProb(), dataType, ws, keepAt);
            r.muli(outMask);
        }
        r.addi(x);
        RowOps.Norm norm = RowOps.normalizeInPlace(r, ws, keepAt);
        INDArray out = ws.createUninitialized(ArrayType.ACTIVATIONS, dataType, new long[] {b, t, e}, 'c')
                .reshape('c', n, e);
        out.assign(norm.xhat()).muliRowVector(getParam("g")).addiRowVector(getParam("beta"));
        RowOps.zeroPadding(out, maskArray, dataType, b, t);
        if (training) {
            cache = new Cache(input, x, heads, p, attMask, ctxRows, outMask, norm, b, t);
        }
        return RowOps.fromRows(out, b, t);
    }

    /**
     * The inference pass in float on oneDNN ({@link OneDnnRows} says why): the projections with their bias (and the
     * residual) and the LayerNorm as one primitive each, the attention core on strided views of the packed q/k/v,
     * reading the previous layer's rows in place.
     */
    private INDArray inferOneDnn(long b, long t, long h, double scale, LayerWorkspaceMgr ws) {
        long e = layerConf().getNIn(), n = b * t;
        INDArray x = RowOps.rowsToRead(input, dataType, ws);
        INDArray qkv = Nd4j.createUninitialized(dataType, new long[] {n, 3 * e}, 'c');
        OneDnnRows.linear(x, getParam("Wqkv"), getParam("bqkv"), null, qkv);
        INDArray ctxRows = Nd4j.createUninitialized(dataType, new long[] {n, e}, 'c');
        INDArray penalty = maskArray == null ? null
                : maskArray.castTo(dataType).dup('c').reshape('c', b, t).sub(1.0).muli(RowOps.MASK_PENALTY);
        OneDnnRows.attention(qkv, penalty, b, t, h, scale, ctxRows);
        INDArray r = Nd4j.createUninitialized(dataType, new long[] {n, e}, 'c');
        OneDnnRows.linear(ctxRows, getParam("Wo"), getParam("bo"), x, r);
        INDArray out = ws.createUninitialized(ArrayType.ACTIVATIONS, dataType, new long[] {b, t, e}, 'c')
                .reshape('c', n, e);
        OneDnnRows.layerNorm(r, getParam("g"), getParam("beta"), out, RowOps.LN_EPS);
        RowOps.zeroPadding(out, maskArray, dataType, b, t);
        return RowOps.fromRows(out, b, t);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr ws) {
        assertInputSet(true);
        if (cache == null || cache.inputRef() != input) {
            activate(true, ws);
        }
        Cache kc = cache;
        SelfAttentionBlock c = layerConf();
        long e = c.getNIn(), b = kc.b(), t = kc.t(), h = c.getNumHeads(), dh = e / h, n = b * t;
        double scale = 1.0 / Math.sqrt(dh);

        INDArray dy = RowOps.toRows(epsilon, dataType, ws, null);
        RowOps.zeroPadding(dy, maskArray, dataType, b, t);
        INDArray dR = RowOps.layerNormBackward(dy, kc.norm(), getParam("g"), gradientViews.get("g"),
                gradientViews.get("beta"));
        INDArray dO = kc.outMask() == null ? dR : dR.mul(kc.outMask());
        RowOps.columnSums(dO, gradientViews.get("bo"));
        Nd4j.gemm(kc.ctxRows(), dO, gradientViews.get("Wo"), true, false, 1.0, 0.0);
        INDArray dCtxRows = Nd4j.createUninitialized(dataType, new long[] {n, e}, 'c');
        Nd4j.gemm(dO, getParam("Wo"), dCtxRows, false, true, 1.0, 0.0);
        INDArray dCtx = Nd4j.createUninitialized(dataType, new long[] {b, h, t, dh}, 'c');
        dCtx.assign(dCtxRows.reshape('c', b, t, h, dh).permute(0, 2, 1, 3));
        dCtx = dCtx.reshape('c', b * h, t, dh);

        INDArray heads = kc.heads();
        INDArray q = head(heads, 0), k = head(heads, 1), v = head(heads, 2);
        INDArray p = kc.p();
        INDArray pd = kc.attMask() == null ? p : p.mul(kc.attMask());
        INDArray dHeads = Nd4j.createUninitialized(dataType, new long[] {3, b * h, t, dh}, 'c');
        head(dHeads, 2).assign(Nd4j.matmul(pd, dCtx, true, false, false));
        INDArray dP = Nd4j.matmul(dCtx, v, false, true, false);
        if (kc.attMask() != null) {
            dP.muli(kc.attMask());
        }
        INDArray dS = RowOps.softmaxBackwardInPlace(p, dP).muli(scale);
        head(dHeads, 0).assign(Nd4j.matmul(dS, k));
        head(dHeads, 1).assign(Nd4j.matmul(dS, q, true, false, false));
        INDArray dQkv = Nd4j.createUninitialized(dataType, new long[] {b, t, 3, h, dh}, 'c');
        dQkv.assign(dHeads.reshape('c', 3, b, h, t, dh).permute(1, 3, 0, 2, 4));
        dQkv = dQkv.reshape('c', n, 3 * e);
        RowOps.columnSums(dQkv, gradientViews.get("bqkv"));
        Nd4j.gemm(kc.x(), dQkv, gradientViews.get("Wqkv"), true, false, 1.0, 0.0);

        INDArray epsOut = ws.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, new long[] {b, t, e}, 'c')
                .reshape('c', n, e);
        epsOut.assign(dR);
        Nd4j.gemm(dQkv, getParam("Wqkv"), epsOut, false, true, 1.0, 1.0);

        Gradient grad = LayerGradients.of(layerConf(), gradientViews);
        INDArray ret = backpropDropOutIfPresent(RowOps.fromRows(epsOut, b, t));
        cache = null;
        return new Pair<>(grad, ret);
    }

    @Override
    public void clear() {
        super.clear();
        cache = null;
    }
}
