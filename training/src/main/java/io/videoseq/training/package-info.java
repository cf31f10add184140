/**
 * The training recipe: {@link io.videoseq.training.TrainConfig} (and its builder), validated once, JSON snake_case,
 * recorded with every checkpoint and result.
 */
package io.videoseq.training;
