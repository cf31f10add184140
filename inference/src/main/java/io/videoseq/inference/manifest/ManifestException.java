package io.videoseq.inference.manifest;

import io.videoseq.core.VideoseqException;

/** An ensemble manifest that cannot be used as it is: one line naming the manifest, the member and the problem. */
public final class ManifestException extends VideoseqException {
    public ManifestException(String message) {
        super(message);
    }
}
