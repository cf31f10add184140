package io.videoseq.bench;

import io.videoseq.model.ModelConfig;

/**
 * The shapes one benchmark run measures: the model architecture (as the reference's {@code bench_torch.py} names
 * them, {@code full} or {@code small}, optionally overridden for quick tests) and the synthetic batch.
 *
 * @param config     name of the preset, also passed to the PyTorch script
 * @param featureDim input width F
 * @param hiddenDim  LSTM hidden width H
 * @param numLayers  number of BiLSTM layers
 * @param numHeads   attention heads (must divide 2H)
 * @param batch      sequences per batch
 * @param minLen     shortest sequence, in steps
 * @param maxLen     longest sequence, in steps (the padded time length of the batch is the longest drawn)
 */
public record BenchShape(String config, int featureDim, int hiddenDim, int numLayers, int numHeads, int batch,
                         int minLen, int maxLen) {

    /** The number of classes of the benchmark, as in {@code bench_torch.py}. */
    public static final int NUM_CLASSES = 4;

    public BenchShape {
        if (!"full".equals(config) && !"small".equals(config)) {
            throw new IllegalArgumentException("bench --config = " + config + " is invalid: allowed full, small");
        }
        positive("--feature-dim", featureDim);
        positive("--hidden", hiddenDim);
        positive("--layers", numLayers);
        positive("--heads", numHeads);
        positive("--batch", batch);
        positive("--min-len", minLen);
        if (maxLen < minLen) {
            throw new IllegalArgumentException("bench --max-len = " + maxLen + " is invalid: allowed range [--min-len = "
                    + minLen + ", " + Integer.MAX_VALUE + "]");
        }
        if ((2 * hiddenDim) % numHeads != 0) {
            throw new IllegalArgumentException("bench --heads = " + numHeads + " is invalid: it must divide 2 × --hidden = "
                    + 2 * hiddenDim);
        }
    }

    /** The preset of {@code bench_torch.py}: full = 1280→768, 4 layers, 12 heads; small = 1280→256, 2 layers, 4 heads. */
    public static BenchShape preset(String config, int batch, int minLen, int maxLen) {
        return switch (config) {
            case "full" -> new BenchShape(config, 1280, 768, 4, 12, batch, minLen, maxLen);
            case "small" -> new BenchShape(config, 1280, 256, 2, 4, batch, minLen, maxLen);
            default -> throw new IllegalArgumentException("bench --config = " + config
                    + " is invalid: allowed full, small");
        };
    }

    public BenchShape withModel(int featureDim, int hiddenDim, int numLayers, int numHeads) {
        return new BenchShape(config, featureDim, hiddenDim, numLayers, numHeads, batch, minLen, maxLen);
    }

    /** The model: production defaults (dropout 0.4, head dims 768/512/256) with this shape's widths. */
    public ModelConfig modelConfig() {
        ModelConfig d = ModelConfig.defaults();
        return new ModelConfig(featureDim, hiddenDim, NUM_CLASSES, numLayers, numHeads, d.dropout(), d.bidirectional(),
                d.headDims());
    }

    private static void positive(String option, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("bench " + option + " = " + value + " is invalid: allowed range [1, "
                    + Integer.MAX_VALUE + "]");
        }
    }
}
