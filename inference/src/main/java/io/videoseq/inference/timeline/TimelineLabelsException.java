package io.videoseq.inference.timeline;

import io.videoseq.core.VideoseqException;

/** A labelled-timeline CSV refused: one line naming the file, the line, what was expected and what was found. */
public final class TimelineLabelsException extends VideoseqException {
    public TimelineLabelsException(String message) {
        super(message);
    }

    public TimelineLabelsException(String message, Throwable cause) {
        super(message, cause);
    }
}
