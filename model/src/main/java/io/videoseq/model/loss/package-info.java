/**
 * The focal loss with label smoothing and per-class alpha, as DL4J's {@code ILossFunction}: in {@code model}, not
 * {@code training}, because every checkpoint's configuration names it and the model module alone must load them.
 */
package io.videoseq.model.loss;
