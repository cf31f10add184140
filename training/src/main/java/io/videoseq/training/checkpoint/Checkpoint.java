package io.videoseq.training.checkpoint;

import org.deeplearning4j.nn.graph.ComputationGraph;

import java.nio.file.Path;

/**
 * A loaded checkpoint: the graph with its updater state and iteration/epoch counters, and its metadata.
 *
 * @param path     where it was read from
 * @param graph    the restored graph (input "features" {@code [batch, features, time]}, output "output")
 * @param metadata the run state written with it
 */
public record Checkpoint(Path path, ComputationGraph graph, CheckpointMetadata metadata) {
}
