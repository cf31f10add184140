package io.videoseq.video.backbone;

/**
 * The caps every backbone file is checked against before anything it declares is allocated (docs/SECURITY.md,
 * "Backbones"). They are far above any ImageNet backbone (the largest {@code keras.applications} model, ConvNeXt
 * XLarge, has 350 M parameters; EfficientNetB7 66 M; widths stay under 5,000) and low enough that a refusal costs
 * little: a file cannot make videoseq allocate more than it holds, and what it holds is capped here.
 */
public final class BackboneLimits {
    /** Weight values of one backbone, all layers: 2^29 (2 GiB of float32). */
    public static final long MAX_PARAMETERS = 1L << 29;
    /**
     * Values of one weight array: 2^28. DL4J's {@code Hdf5Archive} reads a dataset into a Java {@code float[]} whose
     * length is the product of the dimensions cast to int, so this also keeps that product far from 2^31.
     */
    public static final long MAX_WEIGHT_VALUES = 1L << 28;
    /** Units, filters, channels or depth multiplier of one layer: 2^16. */
    public static final long MAX_WIDTH = 1L << 16;
    /** Kernel, pool, stride, dilation, upsampling or cropping size along one axis: 1,024. */
    public static final long MAX_WINDOW = 1024;
    /** One side of a declared input shape: 16,384. */
    public static final long MAX_INPUT_SIDE = 1L << 14;
    /**
     * Activation values of one layer for one frame at the preprocessing's input size: 2^26 (256 MiB of float32).
     * MobileNetV2's largest is 1.2 M at 224 x 224, 6.3 M at 512 x 512.
     */
    public static final long MAX_LAYER_ACTIVATION_VALUES = 1L << 26;
    /**
     * Activation values of all layers together for one frame, an upper bound of what DL4J's forward pass can hold:
     * 2^30. MobileNetV2 has 22 M at 224 x 224, 115 M at 512 x 512; a smaller {@code --input-size} lowers the count.
     */
    public static final long MAX_ACTIVATION_VALUES = 1L << 30;
    /** Layers in one model: 10,000 (MobileNetV2 has 157). */
    public static final int MAX_LAYERS = 10_000;
    /** A model file's own bytes ({@code model.json}, {@code model.min.js}, an {@code .h5}'s model_config): 64 MiB. */
    public static final long MAX_MODEL_JSON_BYTES = 64L << 20;
    /** HDF5 objects (groups, datasets) in one {@code .h5} file: 100,000; groups nest at most 16 deep. */
    public static final int MAX_H5_OBJECTS = 100_000;
    /** How deep HDF5 groups may nest ({@code model_weights/layer/layer/param:0} is 3). */
    public static final int MAX_H5_DEPTH = 16;
    /**
     * Values stored per byte of a compressed dataset: deflate's ceiling is about 1,032 to 1; a larger ratio means the
     * declared extent is not what the file holds.
     */
    public static final long MAX_COMPRESSION_RATIO = 1100;

    private BackboneLimits() {
    }

    /** {@code a * b}, or -1 when it exceeds {@link Long#MAX_VALUE}: sizes from files are checked, never wrapped. */
    static long times(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return -1;
        }
    }
}
