package io.videoseq.video.decode;

import io.videoseq.core.VideoseqException;

import java.nio.file.Path;

/** A video that cannot be decoded; the message is one line naming the file and what was wrong. */
public class VideoDecodeException extends VideoseqException {
    private final Path file;

    public VideoDecodeException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public VideoDecodeException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
