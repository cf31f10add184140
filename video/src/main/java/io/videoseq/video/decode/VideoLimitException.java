package io.videoseq.video.decode;

import java.nio.file.Path;

/** A video past one of its {@link VideoLimits}: refused, its decoder closed; the message names the file and bound. */
public class VideoLimitException extends VideoDecodeException {
    public VideoLimitException(Path file, String problem) {
        super(file, problem);
    }
}
