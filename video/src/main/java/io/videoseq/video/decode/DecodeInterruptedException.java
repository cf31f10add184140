package io.videoseq.video.decode;

import java.nio.file.Path;

/**
 * The decoding thread was interrupted: the decode stopped at the next frame and its decoder was closed. Not a
 * {@link VideoDecodeException}, since nothing is wrong with the video (a batch must stop, not skip it); the
 * thread's interrupt flag stays set.
 */
public class DecodeInterruptedException extends RuntimeException {
    private final Path file;

    public DecodeInterruptedException(Path file, int frame) {
        super(file + ": decoding interrupted at frame " + frame);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
