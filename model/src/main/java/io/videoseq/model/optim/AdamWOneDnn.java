package io.videoseq.model.optim;

import io.videoseq.model.onednn.OneDnnEngine;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.binary;
import org.bytedeco.dnnl.eltwise_forward;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.post_ops;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.dnnl.stream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.bytedeco.dnnl.global.dnnl.*;

/**
 * The element-wise passes of one AdamW step over a FLOAT block, as oneDNN's own JIT-compiled {@code binary} and
 * {@code eltwise} primitives (the optional {@code org.bytedeco:dnnl} dependency that {@code BiLstm} uses too), in
 * PyTorch's order: {@code m = β1·m + (1−β1)·g}; {@code v = β2·v + (1−β2)·g²};
 * {@code update = lr/(1−β1^t) · m / (√v/√(1−β2^t) + ε)}.
 *
 * <p>Why: libnd4j's fused {@code adam_updater} op took 31-48 ms per step on the small model's 5.06 M parameters (one
 * thread; its square root alone 27 ms, 5 ns per value) where a memory-bound pass takes ~1 ms; it was ~5 % of a small
 * training step (bench/RESULTS.md, "The step outside the BiLSTM"). Here the three passes whose constants are fixed
 * by the configuration (both moments, each one {@code binary} with source scales and a {@code sum} post-op, and the
 * square root) and the division are cached primitives; the two scalings that change every step (bias correction,
 * learning rate) stay ND4J scalar ops, which are vectorized. Works in place on the gradient, which becomes the update.
 *
 * <p>Only for FLOAT (oneDNN has no f64 here; DOUBLE and a JVM without dnnl keep {@code adam_updater}). Off with
 * {@link AdamWOneDnnSwitch} (in a class of its own: this one cannot even be linked without dnnl). Instances are per
 * updater block; executing them from several threads is safe (one oneDNN stream per thread).
 */
final class AdamWOneDnn {
    private final long length;
    private final primitive firstMoment;
    private final primitive secondMoment;
    private final primitive sqrt;
    private final primitive divide;
    private final memory.desc desc;

    /** Primitives for blocks of {@code length} values with the given moment decays. */
    AdamWOneDnn(long length, double beta1, double beta2) {
        this.length = length;
        // created outside any PointerScope: they live as long as this object (JavaCPP frees them after it)
        desc = new memory.desc(new long[] {length}, memory.data_type.f32, memory.format_tag.a);
        firstMoment = new binary(new binary.primitive_desc(new binary.desc(algorithm.binary_add, desc, desc, desc),
                scales((float) beta1, (float) (1 - beta1), null), OneDnnEngine.engine()));
        post_ops sum = new post_ops();
        sum.append_sum((float) beta2, memory.data_type.undef);
        secondMoment = new binary(new binary.primitive_desc(new binary.desc(algorithm.binary_mul, desc, desc, desc),
                scales((float) (1 - beta2), 1f, sum), OneDnnEngine.engine()));
        sqrt = new eltwise_forward(new eltwise_forward.primitive_desc(new eltwise_forward.desc(
                prop_kind.forward_inference, algorithm.eltwise_sqrt, desc, 0f, 0f), OneDnnEngine.engine()));
        divide = new binary(new binary.primitive_desc(new binary.desc(algorithm.binary_div, desc, desc, desc),
                OneDnnEngine.engine()));
    }

    private static primitive_attr scales(float scale0, float scale1, post_ops ops) {
        primitive_attr attr = new primitive_attr();
        attr.set_scales(DNNL_ARG_SRC_0, 0, new float[] {scale0});
        attr.set_scales(DNNL_ARG_SRC_1, 0, new float[] {scale1});
        if (ops != null) {
            attr.set_post_ops(ops);
        }
        return attr;
    }

    long length() {
        return length;
    }

    /** Whether this instance can run a step on these arrays: FLOAT, contiguous, {@link #length} values each. */
    boolean accepts(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a.dataType() != DataType.FLOAT || a.length() != length || !contiguous(a)) {
                return false;
            }
        }
        return true;
    }

    /**
     * One dense run of values starting where {@link #mem} points: a view's data buffer is itself a view that starts
     * at the array's offset (its address includes it; measured on M2.1), and must hold the whole block.
     */
    private static boolean contiguous(INDArray a) {
        return a.elementWiseStride() == 1 && (a.ordering() == 'c' || a.isVector())
                && a.data().offset() == a.offset() && a.data().length() >= a.length();
    }

    /**
     * One AdamW step in place: updates {@code m} and {@code v}, and turns {@code gradient} into the update DL4J
     * subtracts. {@code biasCorrection2Sqrt} = √(1−β2^t), {@code stepSize} = lr/(1−β1^t).
     */
    void step(INDArray gradient, INDArray m, INDArray v, double epsilon, double biasCorrection2Sqrt,
              double stepSize) {
        stream s = OneDnnEngine.stream();
        try (PointerScope scope = new PointerScope()) {
            memory g = mem(gradient), mm = mem(m), vm = mem(v);
            firstMoment.execute(s, args(DNNL_ARG_SRC_0, mm, DNNL_ARG_SRC_1, g, DNNL_ARG_DST, mm));
            secondMoment.execute(s, args(DNNL_ARG_SRC_0, g, DNNL_ARG_SRC_1, g, DNNL_ARG_DST, vm));
            sqrt.execute(s, args(DNNL_ARG_SRC, vm, DNNL_ARG_DST, g));
            s._wait();
            // PyTorch: denom = (sqrt(v) / sqrt(1 - beta2^t)).add_(eps)
            gradient.divi(biasCorrection2Sqrt).addi(epsilon);
            divide.execute(s, args(DNNL_ARG_SRC_0, mm, DNNL_ARG_SRC_1, g, DNNL_ARG_DST, g));
            s._wait();
            gradient.muli(stepSize);
        }
    }

    /** A oneDNN memory over the array's values (no copy; lives in the caller's PointerScope). */
    private memory mem(INDArray a) {
        return new memory(desc, OneDnnEngine.engine(), OneDnnEngine.address(a.data().addressPointer().address()));
    }

    private static IntMemoryMap args(int k0, memory m0, int k1, memory m1, int k2, memory m2) {
        IntMemoryMap args = new IntMemoryMap();
        args.put(k0, m0);
        args.put(k1, m1);
        if (m2 != null) {
            args.put(k2, m2);
        }
        return args;
    }

    private static IntMemoryMap args(int k0, memory m0, int k1, memory m1) {
        return args(k0, m0, k1, m1, 0, null);
    }
}
