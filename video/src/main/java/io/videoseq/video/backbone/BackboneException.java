package io.videoseq.video.backbone;

/**
 * A backbone that cannot be used: unknown file format, a model DL4J cannot import, a missing feature layer, a
 * weight that does not fit. The message is one line naming the file and what was expected and found.
 */
public class BackboneException extends RuntimeException {
    public BackboneException(String message) {
        super(message);
    }

    public BackboneException(String message, Throwable cause) {
        super(message, cause);
    }
}
