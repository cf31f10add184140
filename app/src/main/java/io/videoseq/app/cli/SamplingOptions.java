package io.videoseq.app.cli;

import picocli.CommandLine.Option;

/**
 * How {@code classify} and {@code evaluate-timeline} sample a video, or each window of one, for the model: the
 * options {@link PipelineSetup#pipeline} takes.
 */
public final class SamplingOptions {
    @Option(names = "--max-frames", paramLabel = "N", description = "Frames per video, or per window with --window"
            + " (default: the model's record; required for a model without one).")
    Integer maxFrames;

    @Option(names = "--multiscale", description = "Multi-scale sampling for a model without a record (a recorded"
            + " model uses its own).")
    boolean multiscale;

    @Option(names = "--tta", description = "Test-time augmentation: average the probabilities of 4 views.")
    boolean tta;
}
