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
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

/**
 * Implementation of {@link BiLstm} on a packed layout ({@link BiLstmPacking}): the input contribution of all
 * real steps of both directions is two GEMMs, the per-step loop ({@link BiLstmRecurrence}) only does the
 * recurrent GEMM and gate math on the active rows, and backprop reuses the gates and cell states of the
 * training forward pass (kept in the INPUT workspace, which DL4J keeps alive until backprop). Weight, bias and
 * input gradients are one GEMM / reduction each over all steps. oneDNN's own LSTM ({@link BiLstmOneDnn}) runs
 * instead where {@link OneDnnSupport} says so, else for inference libnd4j's fused LSTM where
 * {@link BiLstmFusedInference} applies.
 */
public class BiLstmImpl extends BaseLayer<BiLstm> {

    private static final String[] PREFIX = {"f", "b"};

    private record Cache(INDArray inputRef, INDArray maskRef, BiLstmPacking packing, INDArray x,
                         BiLstmRecurrence.Buffers buffers) {
    }

    private Cache cache;
    /** oneDNN's LSTM for this layer (primitives and reordered weights), made at first use where it applies. */
    private BiLstmOneDnn onednn;
    /** What the last training forward on oneDNN left for backprop, with the arrays it belongs to. */
    private OneDnnCache onednnCache;

    private record OneDnnCache(INDArray inputRef, INDArray maskRef, BiLstmPacking packing) {
    }

    public BiLstmImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }

    /** A ComputationGraph hands the mask over only here (it never calls setMaskArray on its layers). */
    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray mask, MaskState state, int minibatch) {
        setMaskArray(mask);
        return new Pair<>(mask, mask == null ? state : MaskState.Active);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr ws) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, ws);
        cache = null;
        onednnCache = null;
        long nIn = layerConf().getNIn(), h = layerConf().getNOut();
        if (input.rank() != 3 || input.size(1) != nIn) {
            throw new IllegalStateException(layerId() + ": expected input [batch, " + nIn + ", time], found "
                    + Arrays.toString(input.shape()));
        }
        int b = (int) input.size(0), steps = (int) input.size(2);
        BiLstmPacking p = BiLstmPacking.of(maskArray, b, steps);
        INDArray out = ws.create(ArrayType.ACTIVATIONS, dataType, new long[] {b, steps, 2 * h}, 'c');
        if (p.rows == 0) {
            return out.permute(0, 2, 1);
        }
        if (OneDnnSupport.appliesTo(dataType, training, h)) {
            if (onednn == null) {
                onednn = new BiLstmOneDnn(nIn, h);
            }
            onednn.forward(input, p, key -> getParamWithNoise(key, training, ws), out.reshape('c', 2L * b * steps, h),
                    training, ws);
            if (training) {
                onednnCache = new OneDnnCache(input, maskArray, p);
            }
            return out.permute(0, 2, 1);
        }
        if (!training && BiLstmFusedInference.appliesTo(dataType)) {
            BiLstmFusedInference.forward(input, p, key -> getParamWithNoise(key, false, ws),
                    out.reshape('c', 2L * b * steps, h), ws);
            return out.permute(0, 2, 1);
        }
        ArrayType keep = training ? ArrayType.INPUT : ArrayType.FF_WORKING_MEM;
        INDArray xRows = ws.createUninitialized(ArrayType.FF_WORKING_MEM, dataType, new long[] {b, steps, nIn}, 'c');
        xRows.assign(input.permute(0, 2, 1));
        INDArray x = ws.createUninitialized(keep, dataType, new long[] {2L * p.rows, nIn}, 'c');
        Nd4j.pullRows(xRows.reshape('c', (long) b * steps, nIn), x, 1, p.inputRow);
        BiLstmRecurrence.Buffers buf = new BiLstmRecurrence.Buffers(
                ws.createUninitialized(ArrayType.FF_WORKING_MEM, dataType, new long[] {2L * p.rows, 4 * h}, 'c'),
                ws.createUninitialized(keep, dataType, new long[] {8L * p.rows, h}, 'c'),
                ws.createUninitialized(keep, dataType, new long[] {2L * p.rows, h}, 'c'),
                ws.createUninitialized(keep, dataType, new long[] {2L * p.rows, h}, 'c'),
                ws.createUninitialized(keep, dataType, new long[] {2L * p.rows + 1, h}, 'c'));
        buf.hidden().getRow(2L * p.rows).assign(0.0);
        INDArray tmp = ws.createUninitialized(ArrayType.FF_WORKING_MEM, dataType, new long[] {b, h}, 'c');
        for (int dir = 0; dir < 2; dir++) {
            INDArray z = packed(buf.preact(), p, dir);
            Nd4j.gemm(packed(x, p, dir), getParamWithNoise(PREFIX[dir] + "W", training, ws), z, false, false, 1.0,
                    0.0);
            z.addiRowVector(getParamWithNoise(PREFIX[dir] + "b", training, ws).reshape(1, 4 * h));
            BiLstmRecurrence.forward(p, buf, getParamWithNoise(PREFIX[dir] + "RW", training, ws), dir, tmp);
        }
        Nd4j.pullRows(buf.hidden(), out.reshape('c', 2L * b * steps, h), 1, p.outputRow);
        if (training) {
            cache = new Cache(input, maskArray, p, x, buf);
        }
        return out.permute(0, 2, 1);
    }

    /** Rows {@code [dir·N, (dir+1)·N)} of a packed buffer. */
    private static INDArray packed(INDArray a, BiLstmPacking p, int dir) {
        return a.get(interval((long) dir * p.rows, (long) (dir + 1) * p.rows), all());
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr ws) {
        assertInputSet(true);
        if (OneDnnSupport.appliesTo(dataType, true, layerConf().getNOut())) {
            return backpropOneDnn(epsilon, ws);
        }
        if (cache == null || cache.inputRef() != input || cache.maskRef() != maskArray) {
            activate(true, ws);
        }
        Cache k = cache;
        BiLstmPacking p = k.packing();
        long nIn = layerConf().getNIn(), h = layerConf().getNOut();
        int b = p.batch, steps = p.steps;
        INDArray epsOut = ws.create(ArrayType.ACTIVATION_GRAD, dataType, new long[] {b, steps, nIn}, 'c');
        if (p.rows == 0) {
            Gradient none = LayerGradients.of(layerConf(), gradientViews);
            none.gradientForVariable().values().forEach(g -> g.assign(0.0));
            return new Pair<>(none, backpropDropOutIfPresent(epsOut.permute(0, 2, 1)));
        }
        long rows2 = 2L * p.rows;
        INDArray epsRows = ws.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, new long[] {b, steps, 2 * h},
                'c');
        epsRows.assign(epsilon.permute(0, 2, 1));
        INDArray dh = ws.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, new long[] {rows2, h}, 'c');
        Nd4j.pullRows(epsRows.reshape('c', 2L * b * steps, h), dh, 1, p.epsilonRow);
        INDArray dz = ws.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, new long[] {rows2, 4 * h}, 'c');
        INDArray dhNext = ws.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, new long[] {b, h}, 'c');
        INDArray dcNext = ws.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, new long[] {b, h}, 'c');
        INDArray dc = ws.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, new long[] {b, h}, 'c');
        INDArray tmp = ws.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, new long[] {3L * b, h}, 'c');
        INDArray dGates = ws.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, new long[] {4L * b, h}, 'c');
        INDArray hPrev = ws.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, new long[] {rows2, h}, 'c');
        Nd4j.pullRows(k.buffers().hidden(), hPrev, 1, p.previousRow);
        INDArray dx = ws.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, new long[] {rows2 + 1, nIn}, 'c');
        dx.getRow(rows2).assign(0.0);
        for (int dir = 0; dir < 2; dir++) {
            String pre = PREFIX[dir];
            INDArray rw = getParamWithNoise(pre + "RW", true, ws);
            BiLstmRecurrence.backward(p, k.buffers(), rw, dir, dh, dz, dhNext, dcNext, dc, tmp, dGates);
            INDArray dzDir = packed(dz, p, dir);
            INDArray dW = gradientViews.get(pre + "W"), dRW = gradientViews.get(pre + "RW");
            INDArray db = gradientViews.get(pre + "b");
            Nd4j.gemm(packed(k.x(), p, dir), dzDir, dW, true, false, 1.0, 0.0);
            Nd4j.gemm(packed(hPrev, p, dir), dzDir, dRW, true, false, 1.0, 0.0);
            RowOps.columnSums(dzDir, db);
            Nd4j.gemm(dzDir, getParamWithNoise(pre + "W", true, ws), packed(dx, p, dir), false, true, 1.0, 0.0);
        }
        // Both directions' input gradients for step (i, t) sit in rows 2k and 2k+1 of the gather: sum the pairs.
        INDArray pairs = ws.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, new long[] {2L * b * steps, nIn},
                'c');
        Nd4j.pullRows(dx, pairs, 1, p.outputRow);
        pairs.reshape('c', (long) b * steps, 2, nIn).sum(epsOut.reshape('c', (long) b * steps, nIn), 1);
        INDArray ret = backpropDropOutIfPresent(epsOut.permute(0, 2, 1));
        weightNoiseParams.clear();
        cache = null;
        return new Pair<>(LayerGradients.of(layerConf(), gradientViews), ret);
    }

    private Pair<Gradient, INDArray> backpropOneDnn(INDArray epsilon, LayerWorkspaceMgr ws) {
        if (onednnCache == null || onednnCache.inputRef() != input || onednnCache.maskRef() != maskArray) {
            activate(true, ws);
        }
        BiLstmPacking p = onednnCache.packing();
        INDArray epsOut = ws.create(ArrayType.ACTIVATION_GRAD, dataType,
                new long[] {p.batch, p.steps, layerConf().getNIn()}, 'c');
        if (p.rows == 0) {
            gradientViews.values().forEach(g -> g.assign(0.0));
        } else {
            onednn.backward(p, input, epsilon, key -> getParamWithNoise(key, true, ws), gradientViews, epsOut, ws);
        }
        INDArray ret = backpropDropOutIfPresent(epsOut.permute(0, 2, 1));
        weightNoiseParams.clear();
        onednnCache = null;
        return new Pair<>(LayerGradients.of(layerConf(), gradientViews), ret);
    }

    /** Parameters replaced through the layer: oneDNN's reordered copies are stale. */
    @Override
    public void setParams(INDArray params) {
        super.setParams(params);
        parametersChanged();
    }

    @Override
    public void setParam(String key, INDArray val) {
        super.setParam(key, val);
        parametersChanged();
    }

    @Override
    public void setParamTable(java.util.Map<String, INDArray> paramTable) {
        super.setParamTable(paramTable);
        parametersChanged();
    }

    @Override
    public void setParamsViewArray(INDArray params) {
        super.setParamsViewArray(params);
        parametersChanged();
    }

    private void parametersChanged() {
        if (onednn != null) {
            onednn.parametersChanged();
        }
    }

    @Override
    public void clear() {
        super.clear();
        cache = null;
        onednnCache = null;
    }
}
