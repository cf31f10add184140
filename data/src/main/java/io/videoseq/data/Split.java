package io.videoseq.data;

/** The three splits of the original pipeline; {@link #fileStem()} is the file-name prefix. */
public enum Split {
    TRAIN, VAL, TEST;

    /** {@code train}, {@code val} or {@code test}. */
    public String fileStem() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
