package io.videoseq.model.layers;

import io.videoseq.model.onednn.OneDnnEngine;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.eltwise_forward;
import org.bytedeco.dnnl.layer_normalization_forward;
import org.bytedeco.dnnl.matmul;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.post_ops;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.softmax_forward;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_ATTR_MULTIPLE_POST_OP_BASE;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_FROM;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_TO;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SCALE;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SCRATCHPAD;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SHIFT;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_1;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.algorithm;
import static org.bytedeco.dnnl.global.dnnl.dnnl_forward_inference;
import static org.bytedeco.dnnl.global.dnnl.dnnl_use_scale;
import static org.bytedeco.dnnl.global.dnnl.dnnl_use_shift;
import static org.bytedeco.dnnl.global.dnnl.prop_kind;
import static org.bytedeco.dnnl.global.dnnl.scratchpad_mode;

/**
 * The row kernels of the layers' float32 inference pass ({@link LinearNormImpl}, {@link SelfAttentionBlockImpl},
 * {@link AttentionPoolingImpl}) as oneDNN's own primitives: a projection with its bias (and a residual) as one
 * {@code matmul}, a LayerNorm with its gain and shift as one {@code layer_normalization}, ReLU/tanh as one
 * {@code eltwise}, each on ND4J buffers without a copy.
 *
 * <p>Why: the same steps as libnd4j ops were ~20 % of a small inference batch beside the GEMMs themselves (a LayerNorm
 * is seven passes over the rows: mean, subtract, square, mean, sqrt, divide, multiply, then gain and shift; its tanh
 * runs at ~10 ns a value; bias adds are extra passes), and they do not use a second core; oneDNN's are one
 * vectorized, threaded pass each (bench/RESULTS.md, "Inference outside the BiLSTM").
 *
 * <p>Inference only: training keeps the ND4J path, whose intermediates its hand-written backprop reads. Primitives
 * are cached per shape and strides (one per padded length a model sees) and are safe to run from several threads
 * (one oneDNN stream per thread). Use only where {@link OneDnnRowsSwitch#appliesTo} says so.
 */
final class OneDnnRows {

    /** More shapes than this and the cache starts again (a long-running service sees a bounded set of lengths). */
    private static final int MAX_CACHED = 512;
    private static final Map<String, Kernel> CACHE = new ConcurrentHashMap<>();
    private static final ThreadLocal<BytePointer> SCRATCHPAD = new ThreadLocal<>();
    /** Primitives made since the JVM started: tests tell by it that these kernels, not ND4J's, ran. */
    private static final AtomicInteger MADE = new AtomicInteger();

    private OneDnnRows() {
    }

    /**
     * {@code y = x·w + b (+ residual)} over rows: {@code x [n, k]} and {@code w [k, m]} of any strides, {@code b} of
     * {@code m} values, {@code residual} (or null) and {@code y} c-order {@code [n, m]}.
     */
    static void linear(INDArray x, INDArray w, INDArray b, INDArray residual, INDArray y) {
        long n = x.size(0), m = w.size(1);
        check(x.size(1), w, b, y, n);
        memory.desc xd = desc(x), wd = desc(w), bd = plain(1, m), yd = plain(n, m);
        String key = "mm" + Arrays.toString(x.shape()) + Arrays.toString(x.stride()) + Arrays.toString(w.stride())
                + m + (residual != null);
        Kernel p = cached(key, () -> {
            primitive_attr attr = userScratchpad();
            if (residual != null) {
                post_ops ops = new post_ops();
                ops.append_binary(algorithm.binary_add, yd);
                attr.set_post_ops(ops);
            }
            matmul.primitive_desc pd = new matmul.primitive_desc(new matmul.desc(xd, wd, bd, yd), attr,
                    OneDnnEngine.engine());
            return new Kernel(new matmul(pd), pd.scratchpad_desc());
        });
        try (PointerScope scope = new PointerScope()) {
            IntMemoryMap args = new IntMemoryMap();
            args.put(DNNL_ARG_SRC, over(xd, x));
            args.put(DNNL_ARG_WEIGHTS, over(wd, w));
            args.put(DNNL_ARG_BIAS, over(bd, b));
            args.put(DNNL_ARG_DST, over(yd, y));
            if (residual != null) {
                args.put(DNNL_ARG_ATTR_MULTIPLE_POST_OP_BASE | DNNL_ARG_SRC_1, over(yd, residual));
            }
            run(p, args);
        }
    }

    /**
     * The same over a sequence {@code x [b, k, T]} of any strides (DL4J's layout: one feature vector per column) into
     * rows {@code y [b*T, m]}: the sequence is first turned into rows by one oneDNN {@code reorder}. Faster than a
     * matmul reading the transposed sequence in place (small input projection 7.6 vs 8.2 ms, full 20.3 vs 22.9 ms,
     * one thread) and than ND4J's permuting copy (1.9 ms vs 1.0 ms).
     */
    static void linearSequence(INDArray x, INDArray w, INDArray b, INDArray y) {
        long bs = x.size(0), k = x.size(1), t = x.size(2);
        check(k, w, b, y, bs * t);
        INDArray rows = Nd4j.createUninitialized(DataType.FLOAT, new long[] {bs * t, k}, 'c');
        long[] st = x.stride();
        memory.desc xd = strided(new long[] {bs, t, k}, new long[] {st[0], st[2], st[1]});
        memory.desc rd = plain(bs, t, k);
        Kernel p = cached("toRows" + Arrays.toString(x.shape()) + Arrays.toString(st), () -> {
            reorder.primitive_desc pd = new reorder.primitive_desc(OneDnnEngine.engine(), xd, OneDnnEngine.engine(),
                    rd, userScratchpad(), false);
            return new Kernel(new reorder(pd), pd.scratchpad_desc());
        });
        try (PointerScope scope = new PointerScope()) {
            IntMemoryMap args = new IntMemoryMap();
            args.put(DNNL_ARG_FROM, over(xd, x));
            args.put(DNNL_ARG_TO, over(rd, rows));
            run(p, args);
        }
        linear(rows, w, b, null, y);
    }

    private static void check(long k, INDArray w, INDArray b, INDArray y, long n) {
        long m = w.size(1);
        if (k != w.size(0) || b.length() != m || y.size(0) != n || y.size(1) != m) {
            throw new IllegalStateException("oneDNN linear: " + n + " rows of " + k + ", w "
                    + Arrays.toString(w.shape()) + ", b " + b.length() + ", y " + Arrays.toString(y.shape()));
        }
    }

    /**
     * Scaled dot-product attention of every head, read in place from the packed projections {@code qkv [b*T, 3e]}
     * (row {@code i*T + t}: q, k, v side by side, each {@code h} heads of {@code e/h}) and written into the context
     * rows {@code ctx [b*T, e]} (heads side by side), the layout the output projection reads: two batched
     * {@code matmul}s over strided views and a {@code softmax}, where ND4J needed three permuting copies.
     * {@code penalty [b, T]} (or null) is added to every query's scores of key {@code t}: 0 for a real step, a large
     * negative number for padding.
     */
    static void attention(INDArray qkv, INDArray penalty, long b, long t, long h, double scale, INDArray ctx) {
        long e = ctx.size(1), dh = e / h, row = 3 * e;
        if (qkv.size(0) != b * t || qkv.size(1) != row || ctx.size(0) != b * t || !dense(qkv) || !dense(ctx)
                || (penalty != null && (!dense(penalty) || penalty.length() != b * t))) {
            throw new IllegalStateException("oneDNN attention: qkv " + Arrays.toString(qkv.shape()) + ", ctx "
                    + Arrays.toString(ctx.shape()) + ", b " + b + ", T " + t + ", heads " + h);
        }
        memory.desc qd = strided(new long[] {b, h, t, dh}, new long[] {t * row, dh, row, 1});
        memory.desc kd = strided(new long[] {b, h, dh, t}, new long[] {t * row, dh, 1, row});
        memory.desc sd = plain(b, h, t, t);
        memory.desc pd = penalty == null ? null : plain(b, 1, 1, t);
        memory.desc vd = qd;
        memory.desc cd = strided(new long[] {b, h, t, dh}, new long[] {t * e, dh, e, 1});
        String shape = b + "x" + h + "x" + t + "x" + dh;
        Kernel scoresOp = cached("qk" + shape + scale + (penalty != null), () -> {
            primitive_attr attr = userScratchpad();
            attr.set_output_scales(0, new float[] {(float) scale});
            if (pd != null) {
                post_ops ops = new post_ops();
                ops.append_binary(algorithm.binary_add, pd);
                attr.set_post_ops(ops);
            }
            matmul.primitive_desc mpd = new matmul.primitive_desc(new matmul.desc(qd, kd, sd), attr,
                    OneDnnEngine.engine());
            return new Kernel(new matmul(mpd), mpd.scratchpad_desc());
        });
        Kernel softmaxOp = cached("sm" + shape, () -> {
            softmax_forward.primitive_desc spd = new softmax_forward.primitive_desc(
                    new softmax_forward.desc(prop_kind.forward_inference, sd, 3), userScratchpad(),
                    OneDnnEngine.engine());
            return new Kernel(new softmax_forward(spd), spd.scratchpad_desc());
        });
        Kernel contextOp = cached("pv" + shape, () -> {
            matmul.primitive_desc mpd = new matmul.primitive_desc(new matmul.desc(sd, vd, cd), userScratchpad(),
                    OneDnnEngine.engine());
            return new Kernel(new matmul(mpd), mpd.scratchpad_desc());
        });
        INDArray scores = Nd4j.createUninitialized(DataType.FLOAT, new long[] {b, h, t, t}, 'c');
        long base = qkv.data().addressPointer().address();
        try (PointerScope scope = new PointerScope()) {
            memory q = new memory(qd, OneDnnEngine.engine(), OneDnnEngine.address(base));
            memory k = new memory(kd, OneDnnEngine.engine(), OneDnnEngine.address(base + 4 * e));
            memory v = new memory(vd, OneDnnEngine.engine(), OneDnnEngine.address(base + 8 * e));
            memory sm = over(sd, scores);
            IntMemoryMap args = new IntMemoryMap();
            args.put(DNNL_ARG_SRC, q);
            args.put(DNNL_ARG_WEIGHTS, k);
            args.put(DNNL_ARG_DST, sm);
            if (penalty != null) {
                args.put(DNNL_ARG_ATTR_MULTIPLE_POST_OP_BASE | DNNL_ARG_SRC_1, over(pd, penalty));
            }
            run(scoresOp, args);
            IntMemoryMap soft = new IntMemoryMap();
            soft.put(DNNL_ARG_SRC, sm);
            soft.put(DNNL_ARG_DST, sm);
            run(softmaxOp, soft);
            IntMemoryMap context = new IntMemoryMap();
            context.put(DNNL_ARG_SRC, sm);
            context.put(DNNL_ARG_WEIGHTS, v);
            context.put(DNNL_ARG_DST, over(cd, ctx));
            run(contextOp, context);
        }
    }

    /**
     * {@code dst = (src - mean) / sqrt(var + eps) · g + beta} per row of c-order {@code [n, m]} arrays (PyTorch's
     * LayerNorm: biased variance); {@code dst} may be {@code src}.
     */
    static void layerNorm(INDArray src, INDArray g, INDArray beta, INDArray dst, double eps) {
        long n = src.size(0), m = src.size(1);
        memory.desc d = plain(n, m), gd = plain(m);
        Kernel p = cached("ln" + n + "x" + m + "e" + eps, () -> {
            layer_normalization_forward.primitive_desc pd = new layer_normalization_forward.primitive_desc(
                    new layer_normalization_forward.desc(dnnl_forward_inference, d, (float) eps,
                            dnnl_use_scale | dnnl_use_shift), userScratchpad(), OneDnnEngine.engine());
            return new Kernel(new layer_normalization_forward(pd), pd.scratchpad_desc());
        });
        try (PointerScope scope = new PointerScope()) {
            IntMemoryMap args = new IntMemoryMap();
            args.put(DNNL_ARG_SRC, over(d, src));
            args.put(DNNL_ARG_DST, over(d, dst));
            args.put(DNNL_ARG_SCALE, over(gd, g));
            args.put(DNNL_ARG_SHIFT, over(gd, beta));
            run(p, args);
        }
    }

    /** An element-wise function (relu, tanh) in place over a c-order array. */
    private static void eltwise(algorithm function, INDArray a) {
        memory.desc d = plain(a.length());
        Kernel p = cached("el" + function + a.length(), () -> {
            eltwise_forward.primitive_desc pd = new eltwise_forward.primitive_desc(new eltwise_forward.desc(
                    prop_kind.forward_inference, function, d, 0f, 0f), userScratchpad(), OneDnnEngine.engine());
            return new Kernel(new eltwise_forward(pd), pd.scratchpad_desc());
        });
        try (PointerScope scope = new PointerScope()) {
            IntMemoryMap args = new IntMemoryMap();
            memory mem = over(d, a);
            args.put(DNNL_ARG_SRC, mem);
            args.put(DNNL_ARG_DST, mem);
            run(p, args);
        }
    }

    /**
     * Applies {@code activation} in place over a c-order array: ReLU and tanh as one oneDNN {@code eltwise}, identity
     * as nothing, any other through ND4J.
     */
    static void activate(IActivation activation, INDArray a) {
        algorithm f = null;
        if (activation instanceof ActivationReLU r && r.getMax() == null && zeroOrNull(r.getThreshold())
                && zeroOrNull(r.getNegativeSlope())) {
            f = algorithm.eltwise_relu;
        } else if (activation instanceof ActivationTanH) {
            f = algorithm.eltwise_tanh;
        } else if (activation instanceof ActivationIdentity) {
            return;
        }
        if (f != null) {
            eltwise(f, a);
        } else {
            INDArray out = activation.getActivation(a, false);
            if (out != a) {
                a.assign(out);
            }
        }
    }

    private static boolean zeroOrNull(Double v) {
        return v == null || v == 0.0;
    }

    /**
     * Whether oneDNN can read this array where it lies: FLOAT, and either at the start of its buffer or a view whose
     * data buffer starts at the view's offset (DL4J's parameter views; ND4J makes the buffer of an offset view a view
     * buffer whose address includes the offset, as {@code AdamWOneDnn} relies on too).
     */
    static boolean addressable(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a.dataType() != DataType.FLOAT || a.data().offset() != a.offset()) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code a} is c-order and dense from where it starts: a plain {@code [n, m]} for oneDNN. */
    static boolean dense(INDArray a) {
        return addressable(a) && a.ordering() == 'c' && a.elementWiseStride() == 1;
    }

    /**
     * A cached primitive and the scratchpad it needs. Every primitive here is made with a user scratchpad: in
     * oneDNN's default (library) mode all primitives share one scratchpad and each must run on the thread that made
     * it (oneDNN's {@code scratchpad_mode} documentation), while these are cached for every thread of a service's
     * pool of graphs. One CI run of {@code VideoClassifierTest.manyThreadsAtOnceGetWhatOneThreadGets} saw a 2e-5
     * difference before this. Each thread passes its own buffer.
     */
    private record Kernel(primitive primitive, memory.desc scratchpad, long scratchBytes) {
        Kernel(primitive primitive, memory.desc scratchpad) {
            this(primitive, scratchpad, scratchpad.get_size());
        }
    }

    private static primitive_attr userScratchpad() {
        primitive_attr attr = new primitive_attr();
        attr.set_scratchpad_mode(scratchpad_mode.user);
        return attr;
    }

    /** This thread's scratchpad of at least {@code bytes}, grown when a primitive needs more (never shared). */
    private static Pointer scratchpad(long bytes) {
        BytePointer b = SCRATCHPAD.get();
        if (b == null || b.capacity() < bytes) {
            if (b != null) {
                b.releaseReference();
            }
            b = OneDnnEngine.unscoped(new BytePointer(bytes));
            SCRATCHPAD.set(b);
        }
        return b;
    }

    private static void run(Kernel k, IntMemoryMap args) {
        if (k.scratchBytes() > 0) {
            args.put(DNNL_ARG_SCRATCHPAD, new memory(k.scratchpad(), OneDnnEngine.engine(),
                    scratchpad(k.scratchBytes())));
        }
        stream s = OneDnnEngine.stream();
        k.primitive().execute(s, args);
        s._wait();
    }

    static int primitivesMade() {
        return MADE.get();
    }

    /** Forgets every cached primitive (tests; JavaCPP frees them). */
    static void clearCache() {
        CACHE.clear();
    }

    private static Kernel cached(String key, Supplier<Kernel> make) {
        Kernel p = CACHE.get(key);
        if (p == null) {
            if (CACHE.size() >= MAX_CACHED) {
                CACHE.clear();
            }
            // made outside any PointerScope: JavaCPP frees it when the cache lets go of it
            p = CACHE.computeIfAbsent(key, unused -> {
                MADE.incrementAndGet();
                return make.get();
            });
        }
        return p;
    }

    private static memory.desc desc(INDArray a) {
        return new memory.desc(a.shape(), memory.data_type.f32, a.stride());
    }

    private static memory.desc strided(long[] dims, long[] strides) {
        return new memory.desc(dims, memory.data_type.f32, strides);
    }

    private static memory.desc plain(long... dims) {
        return new memory.desc(dims, memory.data_type.f32, switch (dims.length) {
            case 1 -> memory.format_tag.a;
            case 2 -> memory.format_tag.ab;
            case 3 -> memory.format_tag.abc;
            default -> memory.format_tag.abcd;
        });
    }

    private static memory over(memory.desc d, INDArray a) {
        if (!addressable(a)) {
            throw new IllegalStateException("oneDNN rows: array not addressable in place (offset " + a.offset()
                    + ", buffer offset " + a.data().offset() + ", " + a.dataType() + ")");
        }
        Pointer at = OneDnnEngine.address(a.data().addressPointer().address());
        return new memory(d, OneDnnEngine.engine(), at);
    }
}
