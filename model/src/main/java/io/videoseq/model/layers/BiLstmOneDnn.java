package io.videoseq.model.layers;

import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.lstm_backward;
import org.bytedeco.dnnl.lstm_forward;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.bytedeco.dnnl.global.dnnl.*;

/**
 * {@link BiLstm} on oneDNN's own LSTM primitives ({@code lstm_forward} for training and inference,
 * {@code lstm_backward}), FLOAT only; chosen by {@link OneDnnSupport}. Same parameters and semantics as the loop
 * ({@link BiLstmRecurrence}), which stays the fallback.
 *
 * <p>Right padding without a sequence-length input (oneDNN has none): each direction is one left-to-right call
 * over the whole padded batch {@code [T, batch, ·]}, the backward direction on each sequence reversed within its
 * length. Padded steps are fed zeros and come after every real step of their sequence, so they change no output
 * at a real step; in backprop their dL/dh is 0, so dL/dc, the gate gradients and hence their share of the weight
 * gradients are exactly 0 too. Their outputs are dropped (the layer outputs 0 there).
 *
 * <p>Training: the forward pass runs the inference primitive; backprop, per direction, recomputes it with the
 * training primitive (whose workspace, the saved gates and states, is ~4x what the loop keeps: kept from forward to
 * backward for every layer it raised peak RSS by ~170 MiB on the small config) and then runs the backward
 * primitive. So only one direction's workspace exists at a time, in backprop working memory.
 *
 * <p>What is kept between calls: primitives per {@code (batch, steps)} shape (a few, least recently used
 * dropped); for inference, the weights reordered into the layouts the primitives chose, per direction, until the
 * parameters change ({@link #parametersChanged()}: every training pass, which the updater step follows, and every
 * {@code setParam…}), never redone per inference call. Parameters replaced in place behind the layer's back
 * ({@code ComputationGraph.setParams} assigns into the flat vector) are caught by a fingerprint of 17 values per
 * parameter array, checked at each inference call. Every per-call buffer (inputs, outputs, oneDNN's workspace and
 * scratchpad, training's reordered weights) is an ND4J array in the layer's DL4J workspaces, reused from step to
 * step rather than allocated by oneDNN.
 */
final class BiLstmOneDnn {

    /** oneDNN's gate blocks are i, f, g (candidate), o; BiLstm's params hold g, f, o, i (DL4J's LSTM order). */
    private static final int[] GATE_SOURCE = {3, 1, 0, 2};
    /** The inverse: BiLstm's gate block s is oneDNN's block {@code GATE_TARGET[s]}. */
    private static final int[] GATE_TARGET = {2, 1, 3, 0};
    private static final String[] PREFIX = {"f", "b"};
    private static final int MAX_SHAPES = 8;

    private final long nIn;
    private final long h;
    private final Map<Long, Shape> shapes = new LinkedHashMap<>(16, 0.75f, true);
    /** Reordered weights, one entry per layout a primitive asked for; empty after a parameter change. */
    private final List<Weights> weights = new ArrayList<>();
    /**
     * A sample of the parameter values the reordered weights were made from (inference only): a guard against
     * parameters replaced in place without the layer knowing, as {@code ComputationGraph.setParams} does.
     */
    private double[] fingerprint;

    BiLstmOneDnn(long nIn, long h) {
        this.nIn = nIn;
        this.h = h;
    }

    /** The parameters changed (or may have): the reordered weights are stale. */
    synchronized void parametersChanged() {
        fingerprint = null;
        for (Weights w : weights) {
            w.close();
        }
        weights.clear();
    }

    /**
     * Layer output for {@code input [batch, nIn, steps]}, written into {@code out} viewed as rows
     * {@code [2·batch·steps, H]} (row {@code 2k} forward, {@code 2k+1} backward half of batch-major step k).
     * Training and inference alike run the inference primitive: {@link #backward} recomputes the forward pass
     * with oneDNN's training workspace, so that no workspace is kept from forward to backward.
     */
    synchronized void forward(INDArray input, BiLstmPacking p, Function<String, INDArray> params, INDArray out,
            boolean training, LayerWorkspaceMgr ws) {
        if (training) {
            parametersChanged();
        } else {
            double[] f = fingerprint(params);
            if (!Arrays.equals(f, fingerprint) || weights.stream().anyMatch(w -> w.inWorkspace)) {
                parametersChanged();
                fingerprint = f;
            }
        }
        int b = p.batch, steps = p.steps;
        long tb = (long) steps * b;
        Shape s = shape(b, steps);
        ArrayType scratchType = ArrayType.FF_WORKING_MEM;
        INDArray x = timeMajorInput(input, p, ws, scratchType);
        INDArray hidden = ws.createUninitialized(scratchType, DataType.FLOAT, new long[] {2 * tb + 1, h}, 'c');
        hidden.getRow(2 * tb).assign(0.0);
        INDArray zeros = ws.create(scratchType, DataType.FLOAT, new long[] {2, b, h}, 'c');
        INDArray scratch = bytes(ws, scratchType, s.inferScratch);
        // Training: weights reordered for this pass only, in the working memory DL4J reuses step after step.
        Weights w = weights(s.infer.weights_layer_desc(), s.infer.weights_iter_desc(), params, ws,
                training ? scratchType : null, scratchType);
        try (PointerScope scope = new PointerScope()) {
            for (int dir = 0; dir < 2; dir++) {
                IntMemoryMap args = new IntMemoryMap();
                args.put(DNNL_ARG_SRC_LAYER, mem(s.layerIn, x, dir * tb * nIn));
                args.put(DNNL_ARG_SRC_ITER, mem(s.iter, zeros, 0));
                args.put(DNNL_ARG_SRC_ITER_C, mem(s.iter, zeros, b * h));
                args.put(DNNL_ARG_WEIGHTS_LAYER, w.layer[dir]);
                args.put(DNNL_ARG_WEIGHTS_ITER, w.iter[dir]);
                args.put(DNNL_ARG_BIAS, w.bias[dir]);
                args.put(DNNL_ARG_DST_LAYER, mem(s.layerOut, hidden, dir * tb * h));
                args.put(DNNL_ARG_SCRATCHPAD, mem(s.infer.scratchpad_desc(), scratch, 0));
                s.inferPrimitive.execute(Engine.stream(), args);
            }
            Engine.stream()._wait();
        }
        Nd4j.pullRows(hidden, out, 1, outputRows(p, (int) tb));
        if (training) {
            parametersChanged();
        }
    }

    /**
     * Backprop of {@link #forward} on the same {@code input}: {@code epsilon [batch, 2H, steps]} in, the input
     * gradient written into {@code epsOut [batch, steps, nIn]} (c-order), the parameter gradients into
     * {@code gradients} (assigned, not added). Per direction: the training forward (its workspace, oneDNN's saved
     * gates and states, is 40-60 MB per direction at H = 256, batch 48, 40 steps: ~4x what the loop keeps, so it
     * lives only here, one direction at a time), then the backward primitive.
     */
    synchronized void backward(BiLstmPacking p, INDArray input, INDArray epsilon, Function<String, INDArray> params,
            Map<String, INDArray> gradients, INDArray epsOut, LayerWorkspaceMgr ws) {
        int b = p.batch, steps = p.steps;
        long tb = (long) steps * b;
        Shape s = shape(b, steps);
        ArrayType bp = ArrayType.BP_WORKING_MEM;
        INDArray x = timeMajorInput(input, p, ws, bp);
        INDArray epsRows = ws.createUninitialized(bp, DataType.FLOAT, new long[] {2 * tb + 1, h}, 'c');
        BiLstmRecurrence.rows(epsRows, 0, 2 * tb).reshape('c', b, steps, 2 * h).assign(epsilon.permute(0, 2, 1));
        epsRows.getRow(2 * tb).assign(0.0);
        INDArray dh = ws.createUninitialized(bp, DataType.FLOAT, new long[] {2 * tb, h}, 'c');
        Nd4j.pullRows(epsRows, dh, 1, epsilonRows(p, (int) tb));
        INDArray dx = ws.createUninitialized(bp, DataType.FLOAT, new long[] {2 * tb + 1, nIn}, 'c');
        dx.getRow(2 * tb).assign(0.0);
        INDArray hidden = ws.createUninitialized(bp, DataType.FLOAT, new long[] {tb, h}, 'c');
        INDArray workspace = bytes(ws, bp, s.workspaceBytes);
        INDArray zeros = ws.create(bp, DataType.FLOAT, new long[] {2, b, h}, 'c');
        INDArray iterOut = ws.createUninitialized(bp, DataType.FLOAT, new long[] {2, b, h}, 'c');
        INDArray dW = ws.createUninitialized(bp, DataType.FLOAT, new long[] {nIn, 4 * h}, 'c');
        INDArray dRW = ws.createUninitialized(bp, DataType.FLOAT, new long[] {h, 4 * h}, 'c');
        INDArray db = ws.createUninitialized(bp, DataType.FLOAT, new long[] {1, 4 * h}, 'c');
        INDArray scratch = bytes(ws, bp, Math.max(s.trainScratch, s.backScratch));
        Weights wf = weights(s.train.weights_layer_desc(), s.train.weights_iter_desc(), params, ws, bp, bp);
        Weights wb = weights(s.back.weights_layer_desc(), s.back.weights_iter_desc(), params, ws, bp, bp);
        for (int dir = 0; dir < 2; dir++) {
            try (PointerScope scope = new PointerScope()) {
                memory src = mem(s.layerIn, x, dir * tb * nIn), srcIter = mem(s.iter, zeros, 0);
                memory srcIterC = mem(s.iter, zeros, b * h), dst = mem(s.layerOut, hidden, 0);
                memory ws0 = mem(s.train.workspace_desc(), workspace, 0);
                IntMemoryMap fwd = new IntMemoryMap();
                fwd.put(DNNL_ARG_SRC_LAYER, src);
                fwd.put(DNNL_ARG_SRC_ITER, srcIter);
                fwd.put(DNNL_ARG_SRC_ITER_C, srcIterC);
                fwd.put(DNNL_ARG_WEIGHTS_LAYER, wf.layer[dir]);
                fwd.put(DNNL_ARG_WEIGHTS_ITER, wf.iter[dir]);
                fwd.put(DNNL_ARG_BIAS, wf.bias[dir]);
                fwd.put(DNNL_ARG_DST_LAYER, dst);
                fwd.put(DNNL_ARG_WORKSPACE, ws0);
                fwd.put(DNNL_ARG_SCRATCHPAD, mem(s.train.scratchpad_desc(), scratch, 0));
                s.trainPrimitive.execute(Engine.stream(), fwd);
                IntMemoryMap args = new IntMemoryMap();
                args.put(DNNL_ARG_SRC_LAYER, src);
                // oneDNN 2.5.2's lstm_backward is wrong without explicit initial states: zeros, as in forward
                args.put(DNNL_ARG_SRC_ITER, srcIter);
                args.put(DNNL_ARG_SRC_ITER_C, srcIterC);
                args.put(DNNL_ARG_WEIGHTS_LAYER, wb.layer[dir]);
                args.put(DNNL_ARG_WEIGHTS_ITER, wb.iter[dir]);
                args.put(DNNL_ARG_BIAS, wb.bias[dir]);
                args.put(DNNL_ARG_DST_LAYER, dst);
                args.put(DNNL_ARG_DIFF_SRC_LAYER, mem(s.layerIn, dx, dir * tb * nIn));
                args.put(DNNL_ARG_DIFF_SRC_ITER, mem(s.iter, iterOut, 0));
                args.put(DNNL_ARG_DIFF_SRC_ITER_C, mem(s.iter, iterOut, b * h));
                args.put(DNNL_ARG_DIFF_WEIGHTS_LAYER, mem(s.diffWeightsLayer, dW, 0));
                args.put(DNNL_ARG_DIFF_WEIGHTS_ITER, mem(s.diffWeightsIter, dRW, 0));
                args.put(DNNL_ARG_DIFF_BIAS, mem(s.biasDesc, db, 0));
                args.put(DNNL_ARG_DIFF_DST_LAYER, mem(s.layerOut, dh, dir * tb * h));
                args.put(DNNL_ARG_WORKSPACE, ws0);
                args.put(DNNL_ARG_SCRATCHPAD, mem(s.back.scratchpad_desc(), scratch, 0));
                // oneDNN accumulates into the weight gradients
                dW.assign(0.0);
                dRW.assign(0.0);
                db.assign(0.0);
                s.backPrimitive.execute(Engine.stream(), args);
                Engine.stream()._wait();
            }
            String pre = PREFIX[dir];
            gradients.get(pre + "W").assign(gatesBack(dW, ws));
            gradients.get(pre + "RW").assign(gatesBack(dRW, ws));
            gradients.get(pre + "b").assign(gatesBack(db, ws).reshape(4 * h));
        }
        // Both directions' input gradients of step (i, t) are rows 2k and 2k+1 of the gather: sum the pairs.
        INDArray pairs = ws.createUninitialized(bp, DataType.FLOAT, new long[] {2 * tb, nIn}, 'c');
        Nd4j.pullRows(dx, pairs, 1, outputRows(p, (int) tb));
        pairs.reshape('c', tb, 2, nIn).sum(epsOut.reshape('c', tb, nIn), 1);
        // the updater changes the parameters in place next
        parametersChanged();
    }

    /**
     * The input as oneDNN's time-major {@code [2, steps, batch, nIn]}: the forward direction's sequences, then the
     * backward direction's (each reversed within its length), zeros at padding.
     */
    private INDArray timeMajorInput(INDArray input, BiLstmPacking p, LayerWorkspaceMgr ws, ArrayType type) {
        long tb = (long) p.steps * p.batch;
        // Batch-major input rows plus a zero row that stands for "padding".
        INDArray xRows = ws.createUninitialized(type, DataType.FLOAT, new long[] {tb + 1, nIn}, 'c');
        BiLstmRecurrence.rows(xRows, 0, tb).reshape('c', p.batch, p.steps, nIn).assign(input.permute(0, 2, 1));
        xRows.getRow(tb).assign(0.0);
        INDArray x = ws.createUninitialized(type, DataType.FLOAT, new long[] {2 * tb, nIn}, 'c');
        Nd4j.pullRows(xRows, x, 1, timeMajorRows(p, (int) tb));
        return x;
    }

    /** 17 values of each parameter array, spread over it: any wholesale replacement changes some. */
    private static double[] fingerprint(Function<String, INDArray> params) {
        double[] f = new double[6 * 17];
        int k = 0;
        for (String pre : PREFIX) {
            for (String name : new String[] {"W", "RW", "b"}) {
                INDArray a = params.apply(pre + name); // read in place: a reshape of the 'f' views would copy
                long n = a.length(), rows = a.rank() == 2 ? a.size(0) : n;
                for (int i = 0; i < 17; i++) {
                    long at = i * (n - 1) / 16;
                    f[k++] = a.rank() == 2 ? a.getDouble(at % rows, at / rows) : a.getDouble(at);
                }
            }
        }
        return f;
    }

    /**
     * The weights in the layouts a primitive chose, reordered now unless an entry for these layouts is still
     * valid. {@code keep} = the DL4J workspace holding them (training: they live for one forward and backward
     * pass, and memory of DL4J's workspaces is reused step after step instead of malloc'ed and freed), or null:
     * owned by oneDNN and kept until the parameters change (inference).
     */
    private Weights weights(memory.desc layerDesc, memory.desc iterDesc, Function<String, INDArray> params,
            LayerWorkspaceMgr ws, ArrayType keep, ArrayType scratch) {
        for (Weights w : weights) {
            if (w.layerDesc.equals(layerDesc) && w.iterDesc.equals(iterDesc)) {
                layerDesc.close();
                iterDesc.close();
                return w;
            }
        }
        Weights w = new Weights(layerDesc, iterDesc, keep != null);
        try (PointerScope scope = new PointerScope()) {
            memory.desc ldgo = new memory.desc(new long[] {1, 1, 4, h}, memory.data_type.f32, memory.format_tag.ldgo);
            for (int dir = 0; dir < 2; dir++) {
                String pre = PREFIX[dir];
                w.layer[dir] = reordered(params.apply(pre + "W"), nIn, layerDesc, ws, keep, scratch);
                w.iter[dir] = reordered(params.apply(pre + "RW"), h, iterDesc, ws, keep, scratch);
                w.bias[dir] = reordered(params.apply(pre + "b"), 1, ldgo, ws, keep, scratch);
            }
        }
        weights.add(w);
        return w;
    }

    /**
     * A parameter {@code [rows, 4H]} (BiLstm's gate order; any order) as a new oneDNN memory of layout
     * {@code target} (in workspace {@code keep}, or oneDNN's own if null): its gate blocks permuted into an
     * 'f'-order copy, which is oneDNN's plain {@code ldgoi} ({@code i} = row fastest; a bias, {@code rows} = 1,
     * is plain {@code ldgo}), then one oneDNN reorder.
     */
    private memory reordered(INDArray param, long rows, memory.desc target, LayerWorkspaceMgr ws, ArrayType keep,
            ArrayType scratch) {
        INDArray plain = ws.createUninitialized(scratch, DataType.FLOAT, new long[] {rows, 4 * h}, 'f');
        Nd4j.pullRows(param.reshape(rows, 4 * h), plain, 0, gateColumns(GATE_SOURCE));
        memory.desc plainDesc = rows == 1
                ? new memory.desc(new long[] {1, 1, 4, h}, memory.data_type.f32, memory.format_tag.ldgo)
                : new memory.desc(new long[] {1, 1, rows, 4, h}, memory.data_type.f32, memory.format_tag.ldgoi);
        memory dst = keep == null ? new memory(target, Engine.ENGINE)
                : mem(target, bytes(ws, keep, target.get_size()), 0);
        dst.retainReference(); // outlives the scope: closed by parametersChanged
        memory src = new memory(plainDesc, Engine.ENGINE, address(plain, 0));
        new reorder(src, dst).execute(Engine.stream(), src, dst);
        Engine.stream()._wait();
        return dst;
    }

    /** A gradient {@code [rows, 4H]} in oneDNN's gate order as BiLstm's ('f', a workspace copy). */
    private INDArray gatesBack(INDArray grad, LayerWorkspaceMgr ws) {
        INDArray r = ws.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT, grad.shape(), 'f');
        Nd4j.pullRows(grad, r, 0, gateColumns(GATE_TARGET));
        return r;
    }

    private int[] gateColumns(int[] source) {
        int[] columns = new int[(int) (4 * h)];
        for (int k = 0; k < 4; k++) {
            for (int j = 0; j < h; j++) {
                columns[(int) (k * h + j)] = (int) (source[k] * h + j);
            }
        }
        return columns;
    }

    private Shape shape(int b, int steps) {
        long key = ((long) b << 32) | steps;
        Shape s = shapes.get(key);
        if (s == null) {
            if (shapes.size() >= MAX_SHAPES) {
                Map.Entry<Long, Shape> eldest = shapes.entrySet().iterator().next();
                eldest.getValue().close();
                shapes.remove(eldest.getKey());
            }
            s = new Shape(b, steps);
            shapes.put(key, s);
        }
        return s;
    }

    /** Primitives and memory descriptors of one {@code (batch, steps)}. */
    private final class Shape {
        final memory.desc layerIn;
        final memory.desc layerOut;
        final memory.desc iter;
        final memory.desc biasDesc;
        final memory.desc diffWeightsLayer;
        final memory.desc diffWeightsIter;
        final lstm_forward.primitive_desc train;
        final lstm_forward.primitive_desc infer;
        final lstm_backward.primitive_desc back;
        final lstm_forward trainPrimitive;
        final lstm_forward inferPrimitive;
        final lstm_backward backPrimitive;
        final long workspaceBytes;
        final long trainScratch;
        final long inferScratch;
        final long backScratch;
        private final List<Pointer> owned = new ArrayList<>();

        Shape(int b, int steps) {
            try (PointerScope scope = new PointerScope()) {
                memory.data_type f32 = memory.data_type.f32;
                layerIn = keep(new memory.desc(new long[] {steps, b, nIn}, f32, memory.format_tag.tnc));
                layerOut = keep(new memory.desc(new long[] {steps, b, h}, f32, memory.format_tag.tnc));
                iter = keep(new memory.desc(new long[] {1, 1, b, h}, f32, memory.format_tag.ldnc));
                biasDesc = keep(new memory.desc(new long[] {1, 1, 4, h}, f32, memory.format_tag.ldgo));
                memory.desc anyLayer = new memory.desc(new long[] {1, 1, nIn, 4, h}, f32, memory.format_tag.any);
                memory.desc anyIter = new memory.desc(new long[] {1, 1, h, 4, h}, f32, memory.format_tag.any);
                // oneDNN's backward writes weight gradients in ldigo only: 'c' [rows, 4H] in its gate order
                diffWeightsLayer = keep(new memory.desc(new long[] {1, 1, nIn, 4, h}, f32, memory.format_tag.ldigo));
                diffWeightsIter = keep(new memory.desc(new long[] {1, 1, h, 4, h}, f32, memory.format_tag.ldigo));
                // No final states: none are used, and none given means no aliasing of outputs with inputs.
                memory.desc none = new memory.desc();
                primitive_attr attr = new primitive_attr();
                attr.set_scratchpad_mode(scratchpad_mode.user);
                rnn_direction l2r = rnn_direction.unidirectional_left2right;
                lstm_forward.desc fwdTrain = new lstm_forward.desc(prop_kind.forward_training, l2r, layerIn, iter,
                        iter, anyLayer, anyIter, biasDesc, layerOut, none, none);
                train = keep(new lstm_forward.primitive_desc(fwdTrain, attr, Engine.ENGINE));
                lstm_forward.desc fwdInfer = new lstm_forward.desc(prop_kind.forward_inference, l2r, layerIn, iter,
                        iter, anyLayer, anyIter, biasDesc, layerOut, none, none);
                infer = keep(new lstm_forward.primitive_desc(fwdInfer, attr, Engine.ENGINE));
                lstm_backward.desc bwd = new lstm_backward.desc(prop_kind.backward, l2r, layerIn, iter, iter,
                        anyLayer, anyIter, biasDesc, layerOut, none, none, layerIn, iter, iter, diffWeightsLayer,
                        diffWeightsIter, biasDesc, layerOut, none, none);
                back = keep(new lstm_backward.primitive_desc(bwd, attr, Engine.ENGINE, train));
                trainPrimitive = keep(new lstm_forward(train));
                inferPrimitive = keep(new lstm_forward(infer));
                backPrimitive = keep(new lstm_backward(back));
                workspaceBytes = train.workspace_desc().get_size();
                trainScratch = train.scratchpad_desc().get_size();
                inferScratch = infer.scratchpad_desc().get_size();
                backScratch = back.scratchpad_desc().get_size();
            }
        }

        /** Outlives the constructor's scope (JavaCPP's detach would free it: its reference count drops to 0). */
        private <P extends Pointer> P keep(P p) {
            p.retainReference();
            owned.add(p);
            return p;
        }

        void close() {
            for (int i = owned.size() - 1; i >= 0; i--) {
                owned.get(i).close();
            }
        }
    }

    /** Reordered weights of both directions for one pair of layouts. */
    private static final class Weights {
        final memory.desc layerDesc;
        final memory.desc iterDesc;
        final memory[] layer = new memory[2];
        final memory[] iter = new memory[2];
        final memory[] bias = new memory[2];
        /** In a DL4J workspace: valid only until the end of the training step that made it. */
        final boolean inWorkspace;

        Weights(memory.desc layerDesc, memory.desc iterDesc, boolean inWorkspace) {
            this.layerDesc = layerDesc;
            this.iterDesc = iterDesc;
            this.inWorkspace = inWorkspace;
        }

        void close() {
            for (memory[] ms : new memory[][] {layer, iter, bias}) {
                for (memory m : ms) {
                    if (m != null) {
                        m.close();
                    }
                }
            }
            layerDesc.close();
            iterDesc.close();
        }
    }

    /** A byte buffer of at least {@code size} bytes as a FLOAT array (oneDNN's workspace and scratchpad). */
    private static INDArray bytes(LayerWorkspaceMgr ws, ArrayType type, long size) {
        return ws.createUninitialized(type, DataType.FLOAT, new long[] {Math.max(1, (size + 3) / 4)}, 'c');
    }

    /** A oneDNN memory over an ND4J array's buffer from element {@code offset} (no copy; lives in the scope). */
    private static memory mem(memory.desc desc, INDArray a, long offset) {
        return new memory(desc, Engine.ENGINE, address(a, offset));
    }

    private static Pointer address(INDArray a, long offset) {
        if (a.offset() != 0 || !a.dataType().equals(DataType.FLOAT)) {
            throw new IllegalStateException("oneDNN buffer must be a FLOAT array at offset 0");
        }
        return new Address(a.data().addressPointer().address() + 4 * offset);
    }

    /** A raw address; JavaCPP's Pointer has no public constructor taking one. */
    private static final class Address extends Pointer {
        Address(long address) {
            this.address = address;
        }
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

    /**
     * One CPU engine for the JVM and an in-order stream per thread (primitives may be shared by threads, streams
     * not). Kept out of any PointerScope open at first use, which would free them.
     */
    private static final class Engine {
        static final engine ENGINE = unscoped(new engine(engine.kind.cpu, 0));
        private static final ThreadLocal<stream> STREAMS = ThreadLocal.withInitial(() -> unscoped(new stream(ENGINE)));

        static stream stream() {
            return STREAMS.get();
        }

        private static <P extends Pointer> P unscoped(P p) {
            p.retainReference();
            return p;
        }
    }
}
