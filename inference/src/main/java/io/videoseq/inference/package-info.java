/**
 * Loading and running trained videoseq models, without the trainer: model zips through
 * {@link io.videoseq.model.io.ModelZip} ({@link io.videoseq.inference.EnsemblePredictor}), the one
 * {@link io.videoseq.inference.Scorer} (members x test-time views, probabilities averaged by
 * {@link io.videoseq.inference.ProbabilityAverage} into {@link io.videoseq.inference.EnsembleScores}) that training's
 * evaluation, the command line and services share, the one logit formula ({@link io.videoseq.inference.Logits}),
 * where a model looked ({@link io.videoseq.inference.FrameSaliency}), whether a model fits a feature file
 * ({@link io.videoseq.inference.ModelShape}), and {@link io.videoseq.inference.VideoClassifier}, the thread-safe
 * facade a service embeds. Depends on {@code videoseq-model} and {@code videoseq-data} only.
 */
package io.videoseq.inference;
