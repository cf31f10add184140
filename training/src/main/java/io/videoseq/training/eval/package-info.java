/**
 * Evaluation during and after training, scored by the inference module's {@code Scorer}: the validation pass
 * (probabilities and loss), a model's plain and TTA test metrics, the results JSON's metrics, and the ensemble gain.
 */
package io.videoseq.training.eval;
