/**
 * The one way videoseq writes a file ({@link io.videoseq.data.io.AtomicFiles}: a temporary sibling, fsync, atomic
 * rename, directory fsync; stale temporaries of dead writers removed) and its failure,
 * {@link io.videoseq.data.io.FileWriteException}, naming the path and the operating system's reason.
 */
package io.videoseq.data.io;
