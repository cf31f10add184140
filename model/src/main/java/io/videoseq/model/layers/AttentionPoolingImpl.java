package io.videoseq.model.layers;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;

/**
 * Implementation of {@link AttentionPooling}: scoring MLP as two GEMMs over all (batch × time) rows, masked
 * softmax over time per sequence, weighted sum as one batched matmul {@code [b,1,T]·[b,T,E]}; backprop by hand.
 * Training caches live in the INPUT workspace (kept by DL4J until backprop).
 */
public class AttentionPoolingImpl extends BaseLayer<AttentionPooling> {

    private record Cache(INDArray inputRef, INDArray x, RowOps.Norm norm, INDArray tanh, INDArray dropMask,
                         INDArray weights, long b, long t) {
    }

    private Cache cache;

    public AttentionPoolingImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    /** Time is reduced here: the mask is consumed, nothing is propagated. */
    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
            int minibatchSize) {
        this.maskArray = maskArray;
        this.maskState = currentMaskState;
        return new Pair<>(null, MaskState.Active);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr ws) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, ws);
        cache = null;
        long e = layerConf().getNIn();
        if (input.rank() != 3 || input.size(1) != e) {
            throw new IllegalStateException(layerId() + ": expected input [batch, " + e + ", time], found "
                    + Arrays.toString(input.shape()));
        }
        ArrayType keepAt = training ? ArrayType.INPUT : null;
        long b = input.size(0), t = input.size(2);
        INDArray x = OneDnnRowsSwitch.appliesTo(dataType, training) ? RowOps.rowsToRead(input, dataType, ws)
                : RowOps.toRows(input, dataType, ws, keepAt);
        Scores s = frameScores(x, b, t, training, ws, keepAt);
        INDArray w = s.weights();
        INDArray out = ws.createUninitialized(ArrayType.ACTIVATIONS, dataType, new long[] {b, e}, 'c');
        out.assign(Nd4j.matmul(w.reshape('c', b, 1, t), x.reshape('c', b, t, e)).reshape('c', b, e));
        if (training) {
            cache = new Cache(input, x, s.norm(), s.tanh(), s.dropMask(), w, b, t);
        }
        return out;
    }

    /** The scoring MLP's intermediates and the masked softmax over time, {@code weights [b, t]}. */
    private record Scores(RowOps.Norm norm, INDArray tanh, INDArray dropMask, INDArray weights) {
    }

    private Scores frameScores(INDArray x, long b, long t, boolean training, LayerWorkspaceMgr ws,
                               ArrayType keepAt) {
        AttentionPooling c = layerConf();
        long hid = c.getHiddenSize(), n = b * t;
        INDArray z = RowOps.alloc(ws, keepAt, dataType, n, hid);
        if (OneDnnRowsSwitch.appliesTo(dataType, training) && OneDnnRows.addressable(x, getParam("W1"),
                getParam("b1"), getParam("g"), getParam("beta"), getParam("W2"), getParam("b2"))) {
            // inference in float: GEMM + bias, LayerNorm + gain/shift, tanh, GEMM + bias as oneDNN primitives
            OneDnnRows.linear(x, getParam("W1"), getParam("b1"), null, z);
            OneDnnRows.layerNorm(z, getParam("g"), getParam("beta"), z, RowOps.LN_EPS);
            OneDnnRows.activate(new ActivationTanH(), z);
            INDArray s = RowOps.alloc(ws, keepAt, dataType, n, 1);
            OneDnnRows.linear(z, getParam("W2"), getParam("b2"), null, s);
            return new Scores(null, z, null, maskedSoftmax(s.reshape('c', b, t), n));
        }
        Nd4j.gemm(x, getParam("W1"), z, false, false, 1.0, 0.0);
        z.addiRowVector(getParam("b1"));
        RowOps.Norm norm = RowOps.normalizeInPlace(z, ws, keepAt);
        INDArray a = RowOps.alloc(ws, keepAt, dataType, n, hid);
        a.assign(norm.xhat()).muliRowVector(getParam("g")).addiRowVector(getParam("beta"));
        Transforms.tanh(a, false);
        INDArray dropMask = null;
        INDArray ad = a;
        if (training && c.getDropProb() > 0) {
            dropMask = RowOps.dropMask(a.shape(), c.getDropProb(), dataType, ws, keepAt);
            ad = a.mul(dropMask);
        }
        INDArray s = RowOps.alloc(ws, keepAt, dataType, n, 1);
        Nd4j.gemm(ad, getParam("W2"), s, false, false, 1.0, 0.0);
        s.addi(getParam("b2").getDouble(0));
        return new Scores(norm, a, dropMask, maskedSoftmax(s.reshape('c', b, t), n));
    }

    /** The frame scores {@code w [b, t]} turned in place into weights over each sequence's real frames. */
    private INDArray maskedSoftmax(INDArray w, long n) {
        if (maskArray != null) {
            if (maskArray.length() != n) {
                throw new IllegalStateException(layerId() + ": mask must be [" + w.size(0) + ", " + w.size(1)
                        + "], found " + Arrays.toString(maskArray.shape()));
            }
            w.addi(maskArray.castTo(dataType).reshape(w.size(0), w.size(1)).sub(1.0).muli(RowOps.MASK_PENALTY));
        }
        return RowOps.softmaxLastDimInPlace(w);
    }

    /**
     * The pooling weights over time in inference mode: the model's own temporal saliency, what share of the pooled
     * vector each frame contributes. Rows sum to 1 over the real frames; padded frames get (numerically) 0.
     *
     * @param input {@code [batch, nIn, time]}, this layer's input (the attention block's output)
     * @param mask  {@code [batch, time]}, 1 = real frame, or null when no sequence is padded
     * @return {@code [batch, time]}, detached from the layer's workspaces
     */
    public INDArray frameWeights(INDArray input, INDArray mask) {
        long e = layerConf().getNIn();
        if (input.rank() != 3 || input.size(1) != e) {
            throw new IllegalArgumentException(layerId() + ": expected input [batch, " + e + ", time], found "
                    + Arrays.toString(input.shape()));
        }
        INDArray savedMask = maskArray;
        try {
            maskArray = mask;
            LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();
            long b = input.size(0), t = input.size(2);
            INDArray x = RowOps.toRows(input.castTo(dataType), dataType, none, null);
            return frameScores(x, b, t, false, none, null).weights().dup();
        } finally {
            maskArray = savedMask;
        }
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr ws) {
        assertInputSet(true);
        if (cache == null || cache.inputRef() != input) {
            activate(true, ws);
        }
        Cache k = cache;
        AttentionPooling c = layerConf();
        long e = c.getNIn(), b = k.b(), t = k.t(), n = b * t;
        INDArray dOut = epsilon.castTo(dataType);
        INDArray x3 = k.x().reshape('c', b, t, e);
        INDArray w = k.weights();
        INDArray dw = Nd4j.matmul(x3, dOut.reshape(b, e, 1)).reshape('c', b, t);
        INDArray dxPool = Nd4j.matmul(w.reshape('c', b, t, 1), dOut.reshape(b, 1, e));
        INDArray ds = RowOps.softmaxBackwardInPlace(w, dw).reshape('c', n, 1);

        RowOps.columnSums(ds, gradientViews.get("b2"));
        INDArray ad = k.dropMask() == null ? k.tanh() : k.tanh().mul(k.dropMask());
        Nd4j.gemm(ad, ds, gradientViews.get("W2"), true, false, 1.0, 0.0);
        INDArray da = Nd4j.gemm(ds, getParam("W2"), false, true);
        if (k.dropMask() != null) {
            da.muli(k.dropMask());
        }
        // tanh' = 1 - tanh^2
        INDArray dy = da.muli(k.tanh().mul(k.tanh()).rsubi(1.0));
        INDArray dz = RowOps.layerNormBackward(dy, k.norm(), getParam("g"), gradientViews.get("g"),
                gradientViews.get("beta"));
        RowOps.columnSums(dz, gradientViews.get("b1"));
        Nd4j.gemm(k.x(), dz, gradientViews.get("W1"), true, false, 1.0, 0.0);

        INDArray epsOut = ws.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, new long[] {b, t, e}, 'c');
        epsOut.assign(dxPool);
        INDArray epsRows = epsOut.reshape('c', n, e);
        Nd4j.gemm(dz, getParam("W1"), epsRows, false, true, 1.0, 1.0);

        Gradient grad = LayerGradients.of(layerConf(), gradientViews);
        INDArray ret = backpropDropOutIfPresent(RowOps.fromRows(epsRows, b, t));
        cache = null;
        return new Pair<>(grad, ret);
    }

    @Override
    public void clear() {
        super.clear();
        cache = null;
    }
}
