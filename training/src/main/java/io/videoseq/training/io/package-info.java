/**
 * How the training module writes its JSON files: the documents mapper, through {@code AtomicFiles}.
 */
package io.videoseq.training.io;
