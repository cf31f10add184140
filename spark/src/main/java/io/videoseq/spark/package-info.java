/**
 * Data-parallel training on Apache Spark: the trainer's run with each epoch's batches fitted by DL4J's
 * {@code SparkComputationGraph} (parameter averaging or gradient sharing), the batches built on the executors from
 * the HDF5 files, and the per-worker clipping, step hook and metrics (docs/SPARK.md).
 */
package io.videoseq.spark;
