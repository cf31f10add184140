/**
 * The temporal classifier's architecture: {@link io.videoseq.model.ModelConfig} (validated once, JSON snake_case),
 * {@link io.videoseq.model.GraphOptions} and {@link io.videoseq.model.TemporalModelFactory}, which builds the DL4J
 * computation graph (input {@code features}, output {@code output}). {@link io.videoseq.model.MaskedRecurrent} and
 * {@link io.videoseq.model.PackedBidirectional} are legacy names kept only because old checkpoints name them.
 */
package io.videoseq.model;
