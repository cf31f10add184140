package io.videoseq.video.extract;

import io.videoseq.core.VideoseqException;

/** A bad video list: one line naming the file, the line, what was expected and what was found. */
public class VideoListException extends VideoseqException {
    public VideoListException(String message) {
        super(message);
    }
}
