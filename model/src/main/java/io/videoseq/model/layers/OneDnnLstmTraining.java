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
 * Backprop of {@link BiLstmOneDnn} on oneDNN's training primitives, per direction: the training forward (whose
 * workspace, oneDNN's saved gates and states, is ~4x what the loop keeps: kept from forward to backward for every
 * layer it raised peak RSS by ~170 MiB on the small config, so it lives only here, one direction at a time), then
 * {@code lstm_backward}. Each direction is one call over the whole padded batch {@code [steps, batch, ·]}, the
 * backward direction on sequences reversed within their length: padded steps are fed zeros and come after every
 * real step of their sequence, their dL/dh is 0, so dL/dc, the gate gradients and hence their share of the
 * weight gradients are exactly 0 too.
 */
final class OneDnnLstmTraining {

    private final long nIn;
    private final long h;
    private final OneDnnLstmPrimitives primitives;
    private final OneDnnLstmWeights weights;

    OneDnnLstmTraining(long nIn, long h, OneDnnLstmPrimitives primitives, OneDnnLstmWeights weights) {
        this.nIn = nIn;
        this.h = h;
        this.primitives = primitives;
        this.weights = weights;
    }

    /**
     * {@code epsilon [batch, 2H, steps]} in, the input gradient written into {@code epsOut [batch, steps, nIn]}
     * (c-order), the parameter gradients into {@code gradients} (assigned, not added).
     */
    void backward(BiLstmPacking p, INDArray input, INDArray epsilon, Function<String, INDArray> params,
            Map<String, INDArray> gradients, INDArray epsOut, LayerWorkspaceMgr ws) {
        int b = p.batch, steps = p.steps;
        long tb = (long) steps * b;
        OneDnnLstmPrimitives.Training s = primitives.training(b, steps);
        ArrayType bp = ArrayType.BP_WORKING_MEM;
        INDArray x = ws.createUninitialized(bp, DataType.FLOAT, new long[] {2 * tb, nIn}, 'c');
        Nd4j.pullRows(BiLstmOneDnn.batchMajorRows(input, p, ws, bp), x, 1, timeMajorRows(p, (int) tb));
        INDArray epsRows = ws.createUninitialized(bp, DataType.FLOAT, new long[] {2 * tb + 1, h}, 'c');
        BiLstmRecurrence.rows(epsRows, 0, 2 * tb).reshape('c', b, steps, 2 * h).assign(epsilon.permute(0, 2, 1));
        epsRows.getRow(2 * tb).assign(0.0);
        INDArray dh = ws.createUninitialized(bp, DataType.FLOAT, new long[] {2 * tb, h}, 'c');
        Nd4j.pullRows(epsRows, dh, 1, epsilonRows(p, (int) tb));
        INDArray dx = ws.createUninitialized(bp, DataType.FLOAT, new long[] {2 * tb + 1, nIn}, 'c');
        dx.getRow(2 * tb).assign(0.0);
        INDArray hidden = ws.createUninitialized(bp, DataType.FLOAT, new long[] {tb, h}, 'c');
        INDArray workspace = OneDnnMemory.bytes(ws, bp, s.workspaceBytes);
        INDArray zeros = ws.create(bp, DataType.FLOAT, new long[] {2, b, h}, 'c');
        INDArray iterOut = ws.createUninitialized(bp, DataType.FLOAT, new long[] {2, b, h}, 'c');
        INDArray dW = ws.createUninitialized(bp, DataType.FLOAT, new long[] {nIn, 4 * h}, 'c');
        INDArray dRW = ws.createUninitialized(bp, DataType.FLOAT, new long[] {h, 4 * h}, 'c');
        INDArray db = ws.createUninitialized(bp, DataType.FLOAT, new long[] {1, 4 * h}, 'c');
        INDArray scratch = OneDnnMemory.bytes(ws, bp, s.scratchBytes);
        OneDnnLstmWeights.Reordered wf = weights.get(s.train.weights_layer_desc(), s.train.weights_iter_desc(),
                params, ws, bp, bp);
        OneDnnLstmWeights.Reordered wb = weights.get(s.back.weights_layer_desc(), s.back.weights_iter_desc(),
                params, ws, bp, bp);
        for (int dir = 0; dir < 2; dir++) {
            try (PointerScope scope = new PointerScope()) {
                memory src = OneDnnMemory.over(s.layerIn, x, dir * tb * nIn), srcIter = OneDnnMemory.over(s.iter, zeros, 0);
                memory srcIterC = OneDnnMemory.over(s.iter, zeros, b * h), dst = OneDnnMemory.over(s.layerOut, hidden, 0);
                memory ws0 = OneDnnMemory.over(s.train.workspace_desc(), workspace, 0);
                IntMemoryMap fwd = new IntMemoryMap();
                fwd.put(DNNL_ARG_SRC_LAYER, src);
                fwd.put(DNNL_ARG_SRC_ITER, srcIter);
                fwd.put(DNNL_ARG_SRC_ITER_C, srcIterC);
                fwd.put(DNNL_ARG_WEIGHTS_LAYER, wf.layer[dir]);
                fwd.put(DNNL_ARG_WEIGHTS_ITER, wf.iter[dir]);
                fwd.put(DNNL_ARG_BIAS, wf.bias[dir]);
                fwd.put(DNNL_ARG_DST_LAYER, dst);
                fwd.put(DNNL_ARG_WORKSPACE, ws0);
                fwd.put(DNNL_ARG_SCRATCHPAD, OneDnnMemory.over(s.train.scratchpad_desc(), scratch, 0));
                s.trainPrimitive.execute(OneDnnEngine.stream(), fwd);
                IntMemoryMap args = new IntMemoryMap();
                args.put(DNNL_ARG_SRC_LAYER, src);
                // oneDNN 2.5.2's lstm_backward is wrong without explicit initial states: zeros, as in forward
                args.put(DNNL_ARG_SRC_ITER, srcIter);
                args.put(DNNL_ARG_SRC_ITER_C, srcIterC);
                args.put(DNNL_ARG_WEIGHTS_LAYER, wb.layer[dir]);
                args.put(DNNL_ARG_WEIGHTS_ITER, wb.iter[dir]);
                args.put(DNNL_ARG_BIAS, wb.bias[dir]);
                args.put(DNNL_ARG_DST_LAYER, dst);
                args.put(DNNL_ARG_DIFF_SRC_LAYER, OneDnnMemory.over(s.layerIn, dx, dir * tb * nIn));
                args.put(DNNL_ARG_DIFF_SRC_ITER, OneDnnMemory.over(s.iter, iterOut, 0));
                args.put(DNNL_ARG_DIFF_SRC_ITER_C, OneDnnMemory.over(s.iter, iterOut, b * h));
                args.put(DNNL_ARG_DIFF_WEIGHTS_LAYER, OneDnnMemory.over(s.diffWeightsLayer, dW, 0));
                args.put(DNNL_ARG_DIFF_WEIGHTS_ITER, OneDnnMemory.over(s.diffWeightsIter, dRW, 0));
                args.put(DNNL_ARG_DIFF_BIAS, OneDnnMemory.over(s.biasDesc, db, 0));
                args.put(DNNL_ARG_DIFF_DST_LAYER, OneDnnMemory.over(s.layerOut, dh, dir * tb * h));
                args.put(DNNL_ARG_WORKSPACE, ws0);
                args.put(DNNL_ARG_SCRATCHPAD, OneDnnMemory.over(s.back.scratchpad_desc(), scratch, 0));
                // oneDNN accumulates into the weight gradients
                dW.assign(0.0);
                dRW.assign(0.0);
                db.assign(0.0);
                s.backPrimitive.execute(OneDnnEngine.stream(), args);
                OneDnnEngine.stream()._wait();
            }
            String pre = OneDnnLstmWeights.PREFIX[dir];
            gradients.get(pre + "W").assign(weights.gatesBack(dW, ws));
            gradients.get(pre + "RW").assign(weights.gatesBack(dRW, ws));
            gradients.get(pre + "b").assign(weights.gatesBack(db, ws).reshape(4 * h));
        }
        // Both directions' input gradients of step (i, t) are rows 2k and 2k+1 of the gather: sum the pairs.
        INDArray pairs = ws.createUninitialized(bp, DataType.FLOAT, new long[] {2 * tb, nIn}, 'c');
        Nd4j.pullRows(dx, pairs, 1, outputRows(p, (int) tb));
        pairs.reshape('c', tb, 2, nIn).sum(epsOut.reshape('c', tb, nIn), 1);
    }

    /**
     * Source row in the batch-major input (or the zero row {@code batch·steps}) of each time-major row
     * {@code t·batch + i} of the forward block, then of the backward block (sequence i read backwards within its
     * length).
     */
    private static int[] timeMajorRows(BiLstmPacking p, int tb) {
        int[] idx = new int[2 * tb];
        for (int t = 0; t < p.steps; t++) {
            for (int i = 0; i < p.batch; i++) {
                int len = p.lengths[i], row = t * p.batch + i;
                idx[row] = t < len ? i * p.steps + t : tb;
                idx[tb + row] = t < len ? i * p.steps + len - 1 - t : tb;
            }
        }
        return idx;
    }

    /** Time-major row of the stacked outputs (or their zero row {@code 2·tb}) for each output row 2k / 2k+1. */
    private static int[] outputRows(BiLstmPacking p, int tb) {
        int[] idx = new int[2 * tb];
        for (int i = 0; i < p.batch; i++) {
            int len = p.lengths[i];
            for (int t = 0; t < p.steps; t++) {
                int k = i * p.steps + t;
                idx[2 * k] = t < len ? t * p.batch + i : 2 * tb;
                idx[2 * k + 1] = t < len ? tb + (len - 1 - t) * p.batch + i : 2 * tb;
            }
        }
        return idx;
    }

    /** Row of the epsilon viewed as {@code [2·batch·steps, H]} (or its zero row) for each time-major row. */
    private static int[] epsilonRows(BiLstmPacking p, int tb) {
        int[] idx = new int[2 * tb];
        for (int t = 0; t < p.steps; t++) {
            for (int i = 0; i < p.batch; i++) {
                int len = p.lengths[i], row = t * p.batch + i;
                idx[row] = t < len ? 2 * (i * p.steps + t) : 2 * tb;
                idx[tb + row] = t < len ? 2 * (i * p.steps + len - 1 - t) + 1 : 2 * tb;
            }
        }
        return idx;
    }
}
