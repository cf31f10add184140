/**
 * One training run, start to finish: {@link io.videoseq.training.run.Trainer#train} opens and validates the data,
 * takes the run lock, starts or resumes exactly, runs the epoch loop (an {@link io.videoseq.training.run.EpochFitter}
 * fits each epoch's batches, locally or elsewhere), evaluates the best checkpoint and writes the results; a run that
 * cannot start as asked is a {@link io.videoseq.training.run.RunRefusedException}.
 */
package io.videoseq.training.run;
