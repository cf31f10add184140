/**
 * {@code videoseq spark-train}: the command (added to the command line by
 * {@link io.videoseq.spark.cli.SparkTrainCommandProvider}), the master URL checks, and
 * {@link io.videoseq.spark.cli.SparkMain}, the entry point of the launcher and of {@code spark-submit}, which allows
 * the Java deserialization Spark needs.
 */
package io.videoseq.spark.cli;
