/**
 * {@code videoseq bench} (added to the command line by {@link io.videoseq.bench.BenchCommandProvider}) and the
 * profiling mains: training and inference throughput of the production graph against the PyTorch reference, layer
 * and kernel timings, GEMM ceilings, peak memory. In no production jar (bench/RESULTS.md).
 */
package io.videoseq.bench;
