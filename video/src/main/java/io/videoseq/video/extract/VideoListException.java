package io.videoseq.video.extract;

/** A bad video list: one line naming the file, the line, what was expected and what was found. */
public class VideoListException extends RuntimeException {
    public VideoListException(String message) {
        super(message);
    }
}
