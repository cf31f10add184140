/** What native code this JVM runs: the libnd4j build, OpenBLAS's kernels, the OpenMP threads. */
package io.videoseq.model.runtime;
