package io.videoseq.monitor;

import java.io.IOException;

/** A resource log that cannot be read: the message names the file, the line, what was expected and found. */
public final class ResourceLogException extends IOException {

    public ResourceLogException(String message, Throwable cause) {
        super(message, cause);
    }
}
