/**
 * What the command line writes from scores, kept beside the scorer so a service can write the same files:
 * {@link io.videoseq.inference.output.PredictionsCsv} ({@code predict --out}),
 * {@link io.videoseq.inference.output.SaliencyCsv} ({@code predict --saliency}) and
 * {@link io.videoseq.inference.output.Mistakes} (the misclassified videos of a labelled split, most confident first,
 * for the evaluation report).
 */
package io.videoseq.inference.output;
