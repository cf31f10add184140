package io.videoseq.model.layers;

import io.videoseq.model.onednn.OneDnnEngine;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.javacpp.PointerScope;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * One BiLstm layer's parameters in the layouts oneDNN's primitives chose, both directions: reordered once and kept
 * until the parameters change (inference), or made for one training pass in DL4J's working memory. Also the gate
 * order between BiLstm's parameters and oneDNN's.
 *
 * <p>Staleness: {@link #parametersChanged()} (every training pass, which the updater step follows, and every
 * {@code setParam…}) drops them; parameters replaced in place behind the layer's back
 * ({@code ComputationGraph.setParams} assigns into the flat vector) are caught by a fingerprint of 17 values per
 * parameter array, checked at each inference call ({@link #checkFingerprint}).
 */
final class OneDnnLstmWeights {

    /** oneDNN's gate blocks are i, f, g (candidate), o; BiLstm's params hold g, f, o, i (DL4J's LSTM order). */
    private static final int[] GATE_SOURCE = {3, 1, 0, 2};
    /** The inverse: BiLstm's gate block s is oneDNN's block {@code GATE_TARGET[s]}. */
    private static final int[] GATE_TARGET = {2, 1, 3, 0};
    static final String[] PREFIX = {"f", "b"};

    private final long nIn;
    private final long h;
    /** One entry per layout a primitive asked for; empty after a parameter change. */
    private final List<Reordered> sets = new ArrayList<>();
    /** A sample of the parameter values the inference entries were made from. */
    private double[] fingerprint;

    OneDnnLstmWeights(long nIn, long h) {
        this.nIn = nIn;
        this.h = h;
    }

    /** Reordered weights of both directions for one pair of layouts. */
    static final class Reordered {
        final memory.desc layerDesc;
        final memory.desc iterDesc;
        final memory[] layer = new memory[2];
        final memory[] iter = new memory[2];
        final memory[] bias = new memory[2];
        /** In a DL4J workspace: valid only until the end of the training step that made it. */
        final boolean inWorkspace;

        private Reordered(memory.desc layerDesc, memory.desc iterDesc, boolean inWorkspace) {
            this.layerDesc = layerDesc;
            this.iterDesc = iterDesc;
            this.inWorkspace = inWorkspace;
        }

        private void close() {
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

    /** The parameters changed (or may have): every reordered copy is stale. */
    void parametersChanged() {
        fingerprint = null;
        for (Reordered w : sets) {
            w.close();
        }
        sets.clear();
    }

    /** Before inference: drops copies a training pass left or that parameters replaced in place made stale. */
    void checkFingerprint(Function<String, INDArray> params) {
        double[] f = fingerprint(params);
        if (!Arrays.equals(f, fingerprint) || sets.stream().anyMatch(w -> w.inWorkspace)) {
            parametersChanged();
            fingerprint = f;
        }
    }

    /**
     * The weights in the layouts a primitive chose (descriptors taken over: closed here or with the entry),
     * reordered now unless an entry for these layouts is still valid. {@code keep} = the DL4J workspace holding them
     * (training: they live for one forward and backward pass, and memory of DL4J's workspaces is reused step after
     * step instead of malloc'ed and freed), or null: owned by oneDNN and kept until the parameters change
     * (inference). {@code scratch}: where the gate-permuted plain copies are made.
     */
    Reordered get(memory.desc layerDesc, memory.desc iterDesc, Function<String, INDArray> params, LayerWorkspaceMgr ws,
            ArrayType keep, ArrayType scratch) {
        for (Reordered w : sets) {
            if (w.layerDesc.equals(layerDesc) && w.iterDesc.equals(iterDesc)) {
                layerDesc.close();
                iterDesc.close();
                return w;
            }
        }
        Reordered w = new Reordered(layerDesc, iterDesc, keep != null);
        try (PointerScope scope = new PointerScope()) {
            memory.desc ldgo = new memory.desc(new long[] {1, 1, 4, h}, memory.data_type.f32, memory.format_tag.ldgo);
            for (int dir = 0; dir < 2; dir++) {
                String pre = PREFIX[dir];
                w.layer[dir] = reordered(params.apply(pre + "W"), nIn, layerDesc, ws, keep, scratch);
                w.iter[dir] = reordered(params.apply(pre + "RW"), h, iterDesc, ws, keep, scratch);
                w.bias[dir] = reordered(params.apply(pre + "b"), 1, ldgo, ws, keep, scratch);
            }
        }
        sets.add(w);
        return w;
    }

    /** A gradient {@code [rows, 4H]} in oneDNN's gate order as BiLstm's ('f', a backprop working-memory copy). */
    INDArray gatesBack(INDArray grad, LayerWorkspaceMgr ws) {
        INDArray r = ws.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT, grad.shape(), 'f');
        Nd4j.pullRows(grad, r, 0, gateColumns(GATE_TARGET));
        return r;
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
        memory dst = keep == null ? new memory(target, OneDnnEngine.engine())
                : OneDnnMemory.over(target, OneDnnMemory.bytes(ws, keep, target.get_size()), 0);
        OneDnnEngine.unscoped(dst); // closed by parametersChanged
        memory src = OneDnnMemory.over(plainDesc, plain, 0);
        new reorder(src, dst).execute(OneDnnEngine.stream(), src, dst);
        OneDnnEngine.stream()._wait();
        return dst;
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
}
