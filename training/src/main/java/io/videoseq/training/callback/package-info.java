/**
 * The hooks of a training run ({@link io.videoseq.training.callback.TrainingCallback}, no-op defaults; state saved in
 * checkpoints and restored on resume) and the built-in ones: early stopping, the history CSV, and the best, periodic
 * and last checkpoints. A callback signals a stop, it never throws to stop.
 */
package io.videoseq.training.callback;
