package io.videoseq.video.backbone;

import io.videoseq.core.VideoseqException;

/**
 * A backbone that cannot be used: unknown file format, a model DL4J cannot import, a missing feature layer, a
 * weight that does not fit. The message is one line naming the file and what was expected and found: names quoted
 * from the file (layers, weights, shards) are the attacker's text, so control characters (a newline too) become
 * {@code ?} here, whatever the message was built from.
 */
public class BackboneException extends VideoseqException {
    public BackboneException(String message) {
        super(oneLine(message));
    }

    public BackboneException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    private static String oneLine(String message) {
        return message == null ? null : message.replaceAll("\\p{Cntrl}", "?");
    }
}
