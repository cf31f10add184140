package io.videoseq.model.layers;

import io.videoseq.model.onednn.OneDnnEngine;
import org.bytedeco.dnnl.lstm_backward;
import org.bytedeco.dnnl.lstm_forward;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.bytedeco.dnnl.global.dnnl.prop_kind;
import static org.bytedeco.dnnl.global.dnnl.rnn_direction;
import static org.bytedeco.dnnl.global.dnnl.scratchpad_mode;

/**
 * oneDNN LSTM primitives of one layer shape ({@code nIn}, {@code H}), one left-to-right direction each, cached per
 * {@code (batch, steps)}: the inference primitive (with initial and final states, so that the time segments of
 * {@link OneDnnLstmSegments} chain) and the training pair (forward with workspace, backward). Least recently used
 * entries beyond a bound are closed. Making a primitive of a shape seen before is cheap (~0.1 ms: oneDNN keeps its
 * own primitive cache), so the bound only limits the descriptors held here. Weights are {@code any}: the primitive
 * chooses, {@link OneDnnLstmWeights} reorders into it (measured: the same plain layout at every batch and length).
 * Inference primitives come in f32 and, where {@link OneDnnSupport#bf16Inference} says so, bf16.
 */
final class OneDnnLstmPrimitives {

    /** Segments of inference batches come in up to batch / 8 batch sizes and as many lengths. */
    private static final int MAX_INFERENCE = 64;
    private static final int MAX_TRAINING = 8;

    private final long nIn;
    private final long h;
    private final Map<Long, Inference> inference = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<Long, Training> training = new LinkedHashMap<>(16, 0.75f, true);

    OneDnnLstmPrimitives(long nIn, long h) {
        this.nIn = nIn;
        this.h = h;
    }

    /** {@code bf16}: layer data, hidden states and weights in bfloat16 (cell states and bias stay f32). */
    Inference inference(int batch, int steps, boolean bf16) {
        return cached(inference, MAX_INFERENCE, batch, steps, bf16, () -> new Inference(batch, steps, bf16));
    }

    Training training(int batch, int steps) {
        return cached(training, MAX_TRAINING, batch, steps, false, () -> new Training(batch, steps));
    }

    private static <S extends Owner> S cached(Map<Long, S> map, int max, int batch, int steps, boolean bf16,
            java.util.function.Supplier<S> make) {
        long key = ((long) batch << 32) | ((long) steps << 1) | (bf16 ? 1 : 0);
        S s = map.get(key);
        if (s == null) {
            if (map.size() >= max) {
                Map.Entry<Long, S> eldest = map.entrySet().iterator().next();
                eldest.getValue().close();
                map.remove(eldest.getKey());
            }
            s = make.get();
            map.put(key, s);
        }
        return s;
    }

    /** Descriptors every primitive of a shape uses. */
    private abstract class Owner {
        final memory.desc layerIn;
        final memory.desc layerOut;
        /** Hidden state. */
        final memory.desc iter;
        /** Cell state: f32 always. */
        final memory.desc iterC;
        final memory.desc biasDesc;
        /** Type of layer data, hidden states and weights. */
        final memory.data_type type;
        private final List<Pointer> owned = new ArrayList<>();

        Owner(int b, int steps, memory.data_type type) {
            this.type = type;
            try (PointerScope scope = new PointerScope()) {
                memory.data_type f32 = memory.data_type.f32;
                layerIn = keep(new memory.desc(new long[] {steps, b, nIn}, type, memory.format_tag.tnc));
                layerOut = keep(new memory.desc(new long[] {steps, b, h}, type, memory.format_tag.tnc));
                iter = keep(new memory.desc(new long[] {1, 1, b, h}, type, memory.format_tag.ldnc));
                iterC = keep(new memory.desc(new long[] {1, 1, b, h}, f32, memory.format_tag.ldnc));
                biasDesc = keep(new memory.desc(new long[] {1, 1, 4, h}, f32, memory.format_tag.ldgo));
            }
        }

        memory.desc anyLayer() {
            return new memory.desc(new long[] {1, 1, nIn, 4, h}, type, memory.format_tag.any);
        }

        memory.desc anyIter() {
            return new memory.desc(new long[] {1, 1, h, 4, h}, type, memory.format_tag.any);
        }

        /** Every buffer is passed in: oneDNN allocates no scratchpad of its own per call. */
        primitive_attr userScratchpad() {
            primitive_attr attr = new primitive_attr();
            attr.set_scratchpad_mode(scratchpad_mode.user);
            return attr;
        }

        final <P extends Pointer> P keep(P p) {
            owned.add(OneDnnEngine.unscoped(p));
            return p;
        }

        void close() {
            for (int i = owned.size() - 1; i >= 0; i--) {
                owned.get(i).close();
            }
        }
    }

    /** {@code forward_inference} over {@code [steps, batch, ·]} from given states, writing the final states. */
    final class Inference extends Owner {
        final lstm_forward.primitive_desc desc;
        final lstm_forward primitive;
        final long scratchBytes;

        private Inference(int b, int steps, boolean bf16) {
            super(b, steps, bf16 ? memory.data_type.bf16 : memory.data_type.f32);
            try (PointerScope scope = new PointerScope()) {
                lstm_forward.desc d = new lstm_forward.desc(prop_kind.forward_inference,
                        rnn_direction.unidirectional_left2right, layerIn, iter, iterC, anyLayer(), anyIter(), biasDesc,
                        layerOut, iter, iterC);
                desc = keep(new lstm_forward.primitive_desc(d, userScratchpad(), OneDnnEngine.engine()));
                primitive = keep(new lstm_forward(desc));
                scratchBytes = desc.scratchpad_desc().get_size();
            }
        }
    }

    /**
     * {@code forward_training} (its workspace = saved gates and states, which the backward reads) and
     * {@code backward}, from zero initial states given explicitly (2.5.2's backward was wrong without them), with
     * no final states (none are used; none given means no output aliases an input).
     */
    final class Training extends Owner {
        final memory.desc diffWeightsLayer;
        final memory.desc diffWeightsIter;
        final lstm_forward.primitive_desc train;
        final lstm_backward.primitive_desc back;
        final lstm_forward trainPrimitive;
        final lstm_backward backPrimitive;
        final long workspaceBytes;
        final long scratchBytes;

        private Training(int b, int steps) {
            super(b, steps, memory.data_type.f32);
            try (PointerScope scope = new PointerScope()) {
                memory.data_type f32 = memory.data_type.f32;
                // oneDNN's backward writes weight gradients in ldigo only: 'c' [rows, 4H] in its gate order
                diffWeightsLayer = keep(new memory.desc(new long[] {1, 1, nIn, 4, h}, f32, memory.format_tag.ldigo));
                diffWeightsIter = keep(new memory.desc(new long[] {1, 1, h, 4, h}, f32, memory.format_tag.ldigo));
                memory.desc none = new memory.desc();
                primitive_attr attr = userScratchpad();
                rnn_direction l2r = rnn_direction.unidirectional_left2right;
                lstm_forward.desc fwd = new lstm_forward.desc(prop_kind.forward_training, l2r, layerIn, iter, iter,
                        anyLayer(), anyIter(), biasDesc, layerOut, none, none);
                train = keep(new lstm_forward.primitive_desc(fwd, attr, OneDnnEngine.engine()));
                lstm_backward.desc bwd = new lstm_backward.desc(prop_kind.backward, l2r, layerIn, iter, iter,
                        anyLayer(), anyIter(), biasDesc, layerOut, none, none, layerIn, iter, iter, diffWeightsLayer,
                        diffWeightsIter, biasDesc, layerOut, none, none);
                back = keep(new lstm_backward.primitive_desc(bwd, attr, OneDnnEngine.engine(), train));
                trainPrimitive = keep(new lstm_forward(train));
                backPrimitive = keep(new lstm_backward(back));
                workspaceBytes = train.workspace_desc().get_size();
                scratchBytes = Math.max(train.scratchpad_desc().get_size(), back.scratchpad_desc().get_size());
            }
        }
    }
}
