package io.videoseq.bench;

import picocli.CommandLine.Option;

/**
 * The options that pick a {@link BenchShape} preset and its batch, shared by {@code bench} and the profiling mains
 * ({@link InferenceProfile}, {@link LayerProfile}) so that the three measure the same batch by default.
 */
final class ShapeOptions {
    @Option(names = "--config", defaultValue = "small", description = "full (1280→768, 4 BiLSTM, 12 heads) or "
            + "small (1280→256, 2 BiLSTM, 4 heads); default ${DEFAULT-VALUE}")
    String config;

    @Option(names = "--batch", defaultValue = "48", description = "sequences per batch; default ${DEFAULT-VALUE}")
    int batch;

    @Option(names = "--min-len", defaultValue = "24", description = "shortest sequence; default ${DEFAULT-VALUE}")
    int minLen;

    @Option(names = "--max-len", defaultValue = "40", description = "longest sequence; default ${DEFAULT-VALUE}")
    int maxLen;

    /** The preset with this batch. */
    BenchShape shape() {
        return BenchShape.preset(config, batch, minLen, maxLen);
    }
}
