package io.videoseq.model.layers;

import io.videoseq.model.onednn.OneDnnEngine;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.memory;
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
 * {@link OneDnnLstmTraining}. Inference can run in bfloat16 ({@link OneDnnSupport#bf16Inference}, off by default):
 * the input converted once, the output converted back, weights kept in bf16, cell states and bias in f32.
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
        boolean bf16 = !training && OneDnnSupport.bf16Inference();
        int bytes = bf16 ? 2 : 4; // of one value of layer data and hidden states
        OneDnnLstmSegments seg = OneDnnLstmSegments.of(p);
        long rows = seg.rows;
        int b = p.batch;
        ArrayType scratchType = ArrayType.FF_WORKING_MEM;
        INDArray x = ws.createUninitialized(scratchType, DataType.FLOAT, new long[] {2 * rows, nIn}, 'c');
        Nd4j.pullRows(batchMajorRows(input, p, ws, scratchType), x, 1, seg.inputRows);
        INDArray hidden = ws.createUninitialized(scratchType, DataType.FLOAT, new long[] {2 * rows + 1, h}, 'c');
        hidden.getRow(2 * rows).assign(0.0);
        INDArray xIn = x, hiddenOut = hidden;
        if (bf16) {
            xIn = OneDnnMemory.bytes(ws, scratchType, 2 * rows * nIn * 2);
            OneDnnMemory.convert(x, memory.data_type.f32, xIn, memory.data_type.bf16, 2 * rows, nIn);
            hiddenOut = OneDnnMemory.bytes(ws, scratchType, 2 * rows * h * 2);
        }
        // Initial states (zero: also as bf16), then two buffers the segments' final states alternate between:
        // hidden state at byte 0, cell state (f32) at float b·H, each.
        INDArray zeros = ws.create(scratchType, DataType.FLOAT, new long[] {2, b, h}, 'c');
        INDArray[] states = {ws.createUninitialized(scratchType, DataType.FLOAT, new long[] {2, b, h}, 'c'),
                ws.createUninitialized(scratchType, DataType.FLOAT, new long[] {2, b, h}, 'c')};
        OneDnnLstmPrimitives.Inference[] prims = new OneDnnLstmPrimitives.Inference[seg.count];
        OneDnnLstmWeights.Reordered[] w = new OneDnnLstmWeights.Reordered[seg.count];
        long scratchBytes = 0;
        for (int s = 0; s < seg.count; s++) {
            prims[s] = primitives.inference(seg.batch[s], seg.steps[s], bf16);
            scratchBytes = Math.max(scratchBytes, prims[s].scratchBytes);
            // Outside the PointerScope below, which would free the descriptors the weights are kept under.
            // Training: weights reordered for this pass only, in the working memory DL4J reuses.
            w[s] = weights.get(prims[s].desc.weights_layer_desc(), prims[s].desc.weights_iter_desc(), params, ws,
                    training ? scratchType : null, scratchType);
        }
        INDArray scratch = OneDnnMemory.bytes(ws, scratchType, scratchBytes);
        try (PointerScope scope = new PointerScope()) {
            for (int dir = 0; dir < 2; dir++) {
                for (int s = 0; s < seg.count; s++) {
                    OneDnnLstmPrimitives.Inference prim = prims[s];
                    INDArray from = s == 0 ? zeros : states[(s - 1) % 2], to = states[s % 2];
                    long row = dir * rows + seg.base[s];
                    IntMemoryMap args = new IntMemoryMap();
                    args.put(DNNL_ARG_SRC_LAYER, OneDnnMemory.overBytes(prim.layerIn, xIn, row * nIn * bytes));
                    args.put(DNNL_ARG_SRC_ITER, OneDnnMemory.over(prim.iter, from, 0));
                    args.put(DNNL_ARG_SRC_ITER_C, OneDnnMemory.over(prim.iterC, from, b * h));
                    args.put(DNNL_ARG_WEIGHTS_LAYER, w[s].layer[dir]);
                    args.put(DNNL_ARG_WEIGHTS_ITER, w[s].iter[dir]);
                    args.put(DNNL_ARG_BIAS, w[s].bias[dir]);
                    args.put(DNNL_ARG_DST_LAYER, OneDnnMemory.overBytes(prim.layerOut, hiddenOut, row * h * bytes));
                    args.put(DNNL_ARG_DST_ITER, OneDnnMemory.over(prim.iter, to, 0));
                    args.put(DNNL_ARG_DST_ITER_C, OneDnnMemory.over(prim.iterC, to, b * h));
                    args.put(DNNL_ARG_SCRATCHPAD, OneDnnMemory.over(prim.desc.scratchpad_desc(), scratch, 0));
                    prim.primitive.execute(OneDnnEngine.stream(), args);
                }
            }
            OneDnnEngine.stream()._wait();
        }
        if (bf16) {
            OneDnnMemory.convert(hiddenOut, memory.data_type.bf16, hidden, memory.data_type.f32, 2 * rows, h);
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
