/**
 * The command line's view of its surroundings: whether an output file may be written (never replacing what the user
 * had without {@code --force}) and whether a stream is a terminal (colour, progress bars).
 */
package io.videoseq.app.io;
