/**
 * One-off diagnostics behind figures in {@code bench/RESULTS.md} (GEMM rate by operand order, raw OpenBLAS vs
 * {@code Nd4j.gemm}, activation cost, where the JVM's memory goes). Each is a plain {@code main}, run by hand with
 * the bench module's classpath (usage in each file's header); they are compiled with the module so that an API
 * change breaks the build instead of the next person who reruns them. No test runs them: they take minutes.
 */
package io.videoseq.bench.probe;
