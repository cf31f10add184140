package io.videoseq.inference.manifest;

/** An ensemble manifest that cannot be used as it is: one line naming the manifest, the member and the problem. */
public final class ManifestException extends RuntimeException {
    public ManifestException(String message) {
        super(message);
    }
}
