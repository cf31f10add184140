/**
 * A run's checkpoints: {@link io.videoseq.training.checkpoint.CheckpointStore} (best, last, periodic; atomic
 * single-file model zips written by the model module's writer, with metadata: configuration, progress, input
 * checksums, provenance), the run lock that keeps two processes off one model name, and the crash points a test
 * can hold a run at.
 */
package io.videoseq.training.checkpoint;
