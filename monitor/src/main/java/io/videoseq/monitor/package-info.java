/**
 * Resource monitoring of a run: {@link io.videoseq.monitor.ResourceMonitor} samples CPU, heap, native and GPU memory
 * in the background into a crash-safe JSON Lines log, read back and summarized for reports; the adapter to DL4J's
 * training listeners. Needs only ND4J/DL4J and OSHI.
 */
package io.videoseq.monitor;
