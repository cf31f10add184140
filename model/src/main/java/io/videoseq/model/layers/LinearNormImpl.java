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

import java.util.Arrays;

/**
 * Implementation of {@link LinearNorm}: one GEMM over all (batch × time) rows, row LayerNorm, activation.
 * The training forward pass keeps what backprop needs (input rows, normalized values) in the INPUT workspace,
 * which DL4J keeps alive until backprop (as it does for the layer input and dropout masks).
 */
public class LinearNormImpl extends BaseLayer<LinearNorm> {

    private record Cache(INDArray inputRef, INDArray x, INDArray pre, RowOps.Norm norm, long b, long t,
                         boolean seq) {
    }

    private Cache cache;

    public LinearNormImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr ws) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, ws);
        cache = null;
        ArrayType keepAt = training ? ArrayType.INPUT : null;
        LinearNorm c = layerConf();
        boolean seq = input.rank() == 3;
        if (!seq && input.rank() != 2) {
            throw new IllegalStateException(layerId() + ": expected input [batch, nIn] or [batch, nIn, time], found "
                    + Arrays.toString(input.shape()));
        }
        long nIn = c.getNIn(), nOut = c.getNOut();
        if (input.size(1) != nIn) {
            throw new IllegalStateException(layerId() + ": input size (dimension 1) must be nIn=" + nIn + ", found "
                    + Arrays.toString(input.shape()));
        }
        long b = input.size(0), t = seq ? input.size(2) : 1;
        if (OneDnnRowsSwitch.appliesTo(dataType, training) && c.isLayerNorm()) {
            INDArray out = inferOneDnn(seq, b, t, ws);
            if (out != null) {
                return out;
            }
        }
        INDArray x = seq ? RowOps.toRows(input, dataType, ws, keepAt) : input.castTo(dataType);
        INDArray w = getParamWithNoise("W", training, ws);
        INDArray bias = getParamWithNoise("b", training, ws);
        INDArray out = ws.createUninitialized(ArrayType.ACTIVATIONS, dataType, seq ? new long[] {b, t, nOut}
                : new long[] {b, nOut}, 'c').reshape('c', b * t, nOut);
        RowOps.Norm norm = null;
        INDArray pre = null;
        if (c.isLayerNorm()) {
            INDArray z = RowOps.alloc(ws, keepAt, dataType, b * t, nOut);
            Nd4j.gemm(x, w, z, false, false, 1.0, 0.0);
            z.addiRowVector(bias);
            norm = RowOps.normalizeInPlace(z, ws, keepAt);
            out.assign(norm.xhat()).muliRowVector(getParam("g")).addiRowVector(getParam("beta"));
        } else {
            Nd4j.gemm(x, w, out, false, false, 1.0, 0.0);
            out.addiRowVector(bias);
            if (training) {
                pre = ws.dup(ArrayType.INPUT, out);
            }
        }
        INDArray act = c.getActivationFn().getActivation(out, training);
        if (act != out) {
            out.assign(act);
        }
        RowOps.zeroPadding(out, maskArray, dataType, b, t);
        if (training) {
            cache = new Cache(input, x, pre, norm, b, t, seq);
        }
        return seq ? RowOps.fromRows(out, b, t) : out;
    }

    /**
     * The inference pass on oneDNN ({@link OneDnnRows}): GEMM with its bias, LayerNorm with its gain and shift, and
     * ReLU/tanh, one primitive each, on the rows of the previous layer's output without a copy; null when a parameter
     * cannot be handed to oneDNN where it lies (the ND4J path then runs).
     */
    private INDArray inferOneDnn(boolean seq, long b, long t, LayerWorkspaceMgr ws) {
        INDArray w = getParam("W"), bias = getParam("b"), g = getParam("g"), beta = getParam("beta");
        if (!OneDnnRows.addressable(w, bias, g, beta)) {
            return null;
        }
        long nOut = layerConf().getNOut();
        INDArray x = input.castTo(dataType);
        if (!OneDnnRows.addressable(x)) {
            x = x.dup('c');
        }
        INDArray out = ws.createUninitialized(ArrayType.ACTIVATIONS, dataType, seq ? new long[] {b, t, nOut}
                : new long[] {b, nOut}, 'c').reshape('c', b * t, nOut);
        if (seq) {
            OneDnnRows.linearSequence(x, w, bias, out);
        } else {
            OneDnnRows.linear(x, w, bias, null, out);
        }
        OneDnnRows.layerNorm(out, g, beta, out, RowOps.LN_EPS);
        OneDnnRows.activate(layerConf().getActivationFn(), out);
        RowOps.zeroPadding(out, maskArray, dataType, b, t);
        return seq ? RowOps.fromRows(out, b, t) : out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr ws) {
        assertInputSet(true);
        if (cache == null || cache.inputRef() != input) {
            activate(true, ws);
        }
        Cache k = cache;
        LinearNorm c = layerConf();
        long nIn = c.getNIn(), nOut = c.getNOut(), rows = k.b() * k.t();
        INDArray dy = k.seq() ? RowOps.toRows(epsilon, dataType, ws, null) : epsilon.castTo(dataType).dup('c');
        RowOps.zeroPadding(dy, maskArray, dataType, k.b(), k.t());
        INDArray pre = c.isLayerNorm()
                ? k.norm().xhat().mulRowVector(getParam("g")).addiRowVector(getParam("beta")) : k.pre();
        INDArray dz = c.getActivationFn().backprop(pre, dy).getFirst();
        if (c.isLayerNorm()) {
            INDArray dg = gradientViews.get("g"), dbeta = gradientViews.get("beta");
            dz = RowOps.layerNormBackward(dz, k.norm(), getParam("g"), dg, dbeta);
        }
        INDArray dW = gradientViews.get("W"), db = gradientViews.get("b");
        Nd4j.gemm(k.x(), dz, dW, true, false, 1.0, 0.0);
        RowOps.columnSums(dz, db);
        Gradient grad = LayerGradients.of(c, gradientViews);
        INDArray w = getParamWithNoise("W", true, ws);
        INDArray epsOut = ws.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType,
                k.seq() ? new long[] {k.b(), k.t(), nIn} : new long[] {rows, nIn}, 'c').reshape('c', rows, nIn);
        Nd4j.gemm(dz, w, epsOut, false, true, 1.0, 0.0);
        INDArray ret = k.seq() ? RowOps.fromRows(epsOut, k.b(), k.t()) : epsOut;
        ret = backpropDropOutIfPresent(ret);
        weightNoiseParams.clear();
        cache = null;
        return new Pair<>(grad, ret);
    }

    @Override
    public void clear() {
        super.clear();
        cache = null;
    }
}
