package io.videoseq.model.layers;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.javacpp.PointerScope;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;
import java.util.function.Function;

import static org.bytedeco.dnnl.global.dnnl.*;

/**
 * {@link BiLstm} on oneDNN's own LSTM primitives ({@code lstm_forward} for training and inference,
 * {@code lstm_backward}), FLOAT only; chosen by {@link OneDnnSupport}. Same parameters and semantics as the loop
 * ({@link BiLstmRecurrence}), which stays the fallback. One instance per layer: its primitives
 * ({@link OneDnnLstmPrimitives}) and reordered weights ({@link OneDnnLstmWeights}).
 *
 * <p>Right padding without a sequence-length input (oneDNN has none): each direction runs left to right, the
 * backward direction on each sequence reversed within its length. The forward pass computes only the running
 * sequences' rows, up to rounding ({@link OneDnnLstmSegments}); training's backprop is
 * {@link OneDnnLstmTraining}.
 */
final class BiLstmOneDnn {

    private final long nIn;
    private final long h;
    private final OneDnnLstmPrimitives primitives;
    private final OneDnnLstmWeights weights;

    BiLstmOneDnn(long nIn, long h) {
        this.nIn = nIn;
        this.h = h;
        this.primitives = new OneDnnLstmPrimitives(nIn, h);
        this.weights = new OneDnnLstmWeights(nIn, h);
    }

    /** The parameters changed (or may have): the reordered weights are stale. */
    synchronized void parametersChanged() {
        weights.parametersChanged();
    }

    /**
     * Layer output for {@code input [batch, nIn, steps]}, written into {@code out} viewed as rows
     * {@code [2·batch·steps, H]} (row {@code 2k} forward, {@code 2k+1} backward half of batch-major step k).
     * Training and inference alike run the inference primitive: {@link #backward} recomputes the forward pass
     * with oneDNN's training workspace, so that no workspace is kept from forward to backward. Inference keeps the
     * reordered weights from call to call; training reorders them for this pass into working memory.
     */
    synchronized void forward(INDArray input, BiLstmPacking p, Function<String, INDArray> params, INDArray out,
            boolean training, LayerWorkspaceMgr ws) {
        if (training) {
            weights.parametersChanged();
        } else {
            weights.checkFingerprint(params);
        }
        OneDnnLstmSegments seg = OneDnnLstmSegments.of(p);
        long rows = seg.rows;
        int b = p.batch;
        ArrayType scratchType = ArrayType.FF_WORKING_MEM;
        INDArray x = ws.createUninitialized(scratchType, DataType.FLOAT, new long[] {2 * rows, nIn}, 'c');
        Nd4j.pullRows(batchMajorRows(input, p, ws, scratchType), x, 1, seg.inputRows);
        INDArray hidden = ws.createUninitialized(scratchType, DataType.FLOAT, new long[] {2 * rows + 1, h}, 'c');
        hidden.getRow(2 * rows).assign(0.0);
        // Initial states (zero), then two buffers the segments' final states alternate between: [h; c] each.
        INDArray zeros = ws.create(scratchType, DataType.FLOAT, new long[] {2, b, h}, 'c');
        INDArray[] states = {ws.createUninitialized(scratchType, DataType.FLOAT, new long[] {2, b, h}, 'c'),
                ws.createUninitialized(scratchType, DataType.FLOAT, new long[] {2, b, h}, 'c')};
        OneDnnLstmPrimitives.Inference[] prims = new OneDnnLstmPrimitives.Inference[seg.count];
        long scratchBytes = 0;
        for (int s = 0; s < seg.count; s++) {
            prims[s] = primitives.inference(seg.batch[s], seg.steps[s]);
            scratchBytes = Math.max(scratchBytes, prims[s].scratchBytes);
        }
        INDArray scratch = OneDnnMemory.bytes(ws, scratchType, scratchBytes);
        try (PointerScope scope = new PointerScope()) {
            for (int dir = 0; dir < 2; dir++) {
                for (int s = 0; s < seg.count; s++) {
                    OneDnnLstmPrimitives.Inference prim = prims[s];
                    // Training: weights reordered for this pass only, in the working memory DL4J reuses.
                    OneDnnLstmWeights.Reordered w = weights.get(prim.desc.weights_layer_desc(),
                            prim.desc.weights_iter_desc(), params, ws, training ? scratchType : null, scratchType);
                    INDArray from = s == 0 ? zeros : states[(s - 1) % 2], to = states[s % 2];
                    long row = dir * rows + seg.base[s];
                    IntMemoryMap args = new IntMemoryMap();
                    args.put(DNNL_ARG_SRC_LAYER, OneDnnMemory.over(prim.layerIn, x, row * nIn));
                    args.put(DNNL_ARG_SRC_ITER, OneDnnMemory.over(prim.iter, from, 0));
                    args.put(DNNL_ARG_SRC_ITER_C, OneDnnMemory.over(prim.iter, from, b * h));
                    args.put(DNNL_ARG_WEIGHTS_LAYER, w.layer[dir]);
                    args.put(DNNL_ARG_WEIGHTS_ITER, w.iter[dir]);
                    args.put(DNNL_ARG_BIAS, w.bias[dir]);
                    args.put(DNNL_ARG_DST_LAYER, OneDnnMemory.over(prim.layerOut, hidden, row * h));
                    args.put(DNNL_ARG_DST_ITER, OneDnnMemory.over(prim.iter, to, 0));
                    args.put(DNNL_ARG_DST_ITER_C, OneDnnMemory.over(prim.iter, to, b * h));
                    args.put(DNNL_ARG_SCRATCHPAD, OneDnnMemory.over(prim.desc.scratchpad_desc(), scratch, 0));
                    prim.primitive.execute(OneDnnMemory.stream(), args);
                }
            }
            OneDnnMemory.stream()._wait();
        }
        Nd4j.pullRows(hidden, out, 1, seg.outputRows);
        if (training) {
            weights.parametersChanged();
        }
    }

    /**
     * Backprop of {@link #forward} on the same {@code input}: {@code epsilon [batch, 2H, steps]} in, the input
     * gradient written into {@code epsOut [batch, steps, nIn]} (c-order), the parameter gradients into
     * {@code gradients} (assigned, not added).
     */
    synchronized void backward(BiLstmPacking p, INDArray input, INDArray epsilon, Function<String, INDArray> params,
            Map<String, INDArray> gradients, INDArray epsOut, LayerWorkspaceMgr ws) {
        new OneDnnLstmTraining(nIn, h, primitives, weights).backward(p, input, epsilon, params, gradients, epsOut, ws);
        // the updater changes the parameters in place next
        weights.parametersChanged();
    }

    /** The input {@code [batch, nIn, steps]} as rows {@code [batch·steps + 1, nIn]}, batch-major, last row zero. */
    static INDArray batchMajorRows(INDArray input, BiLstmPacking p, LayerWorkspaceMgr ws, ArrayType type) {
        long tb = (long) p.steps * p.batch, nIn = input.size(1);
        INDArray xRows = ws.createUninitialized(type, DataType.FLOAT, new long[] {tb + 1, nIn}, 'c');
        BiLstmRecurrence.rows(xRows, 0, tb).reshape('c', p.batch, p.steps, nIn).assign(input.permute(0, 2, 1));
        xRows.getRow(tb).assign(0.0);
        return xRows;
    }
}
