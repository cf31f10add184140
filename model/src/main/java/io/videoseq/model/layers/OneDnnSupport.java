package io.videoseq.model.layers;

import io.videoseq.model.onednn.OneDnnLibrary;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Whether {@link BiLstm} runs on oneDNN's own LSTM primitives ({@link BiLstmOneDnn}, from the optional
 * {@code org.bytedeco:dnnl} dependency) or on the per-step loop ({@link BiLstmRecurrence}).
 *
 * <p>{@code auto} (the default) needs all of: FLOAT (oneDNN's RNN primitives have no f64, so DOUBLE gradient checks
 * stay on the loop), a CPU with AVX2 (without it oneDNN's reference RNN kernels are slower than the loop), and
 * the dnnl library on the classpath and loadable; training only up to {@link #MAX_TRAINING_HIDDEN}. {@code never}
 * turns it off: system property {@value #PROPERTY} or environment variable {@value #ENV} (the property wins);
 * {@code always} drops the AVX2 and hidden-size conditions.
 */
final class OneDnnSupport {

    static final String PROPERTY = "videoseq.bilstm.onednn";
    static final String ENV = "VIDEOSEQ_BILSTM_ONEDNN";

    private OneDnnSupport() {
    }

    /**
     * Hidden sizes up to which {@code auto} trains on oneDNN. Its training step recomputes the forward pass with
     * oneDNN's workspace in backprop (keeping that workspace from forward to backward would cost ~4x the loop's
     * saved activations in peak RSS), which pays at H = 256 (1.15x the loop's forward + backward) but not at
     * H = 768 (0.78x; BiLstmKernelSpeed, one thread). Inference on oneDNN is faster at both (2.1x, 1.35x).
     */
    static final long MAX_TRAINING_HIDDEN = 512;

    /** Whether to run on oneDNN: a layer of hidden size {@code hidden}, in training or inference. */
    static boolean appliesTo(DataType dataType, boolean training, long hidden) {
        return appliesTo(dataType) && (!training || hidden <= MAX_TRAINING_HIDDEN || mode().equals("always"));
    }

    static boolean appliesTo(DataType dataType) {
        String mode = mode();
        return switch (mode) {
            case "never" -> false;
            case "auto" -> dataType == DataType.FLOAT && Library.LOADED && Library.AVX2;
            case "always" -> dataType == DataType.FLOAT && Library.LOADED;
            default -> throw new IllegalStateException("system property " + PROPERTY + " / environment variable "
                    + ENV + ": expected auto, always or never, found " + mode);
        };
    }

    static final String BF16_PROPERTY = "videoseq.bilstm.bf16";
    static final String BF16_ENV = "VIDEOSEQ_BILSTM_BF16";

    /**
     * Whether BiLstm's oneDNN inference runs in bfloat16: off by default (probabilities then differ from float32's
     * by up to ~2e-3: the bench's small graph; BiLstmOneDnnTest bounds it on a small one), on with system property {@value #BF16_PROPERTY} or environment
     * variable {@value #BF16_ENV} = {@code on}, and then only on CPUs with native bf16 arithmetic (AVX-512 BF16 or
     * AMX), where oneDNN's bf16 LSTM is ~2x its f32 one; elsewhere f32.
     */
    static boolean bf16Inference() {
        String v = setting(BF16_PROPERTY, BF16_ENV, "off");
        return switch (v) {
            case "off" -> false;
            case "on" -> Library.BF16;
            default -> throw new IllegalStateException("system property " + BF16_PROPERTY + " / environment variable "
                    + BF16_ENV + ": expected on or off, found " + v);
        };
    }

    private static String setting(String property, String env, String otherwise) {
        String p = System.getProperty(property);
        if (p == null) {
            p = System.getenv(env);
        }
        return p == null || p.isBlank() ? otherwise : p.trim().toLowerCase(Locale.ROOT);
    }

    static String mode() {
        return setting(PROPERTY, ENV, "auto");
    }

    /** One line for diagnostics: whether the library loaded, and why not. */
    static String describe() {
        return Library.LOADED ? "oneDNN " + (Library.AVX2 ? "with" : "without") + " AVX2, "
                + (Library.BF16 ? "with" : "without") + " native bf16" : "unavailable: " + Library.WHY;
    }

    /** Looked up once: the library's answer and the CPU's flags cannot change in a running JVM. */
    private static final class Library {
        static final String WHY = OneDnnLibrary.why();
        static final boolean LOADED = OneDnnLibrary.loaded();
        static final boolean AVX2 = cpuHas("avx2");
        static final boolean BF16 = cpuHas("avx512_bf16") || cpuHas("amx_bf16");

        /** A flag of /proc/cpuinfo; off Linux assumed present (a current CPU; the switches remain). */
        private static boolean cpuHas(String flag) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                    if (line.startsWith("flags")) {
                        return (" " + line + " ").contains(" " + flag + " ");
                    }
                }
            } catch (IOException | RuntimeException e) {
                return !flag.contains("bf16"); // bf16 only where seen: oneDNN would emulate it slowly
            }
            return false;
        }
    }
}
