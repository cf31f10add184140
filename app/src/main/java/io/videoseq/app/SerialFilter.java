package io.videoseq.app;

import java.io.ObjectInputFilter;

/**
 * The JVM-wide Java deserialization filter. videoseq deserializes no Java objects, so every class is rejected:
 * any library code that still calls {@code ObjectInputStream.readObject} (DL4J's {@code ModelSerializer} does for
 * {@code preprocessor.bin} and for normalizers) fails with {@code InvalidClassException} instead of running the
 * stream. Defence in depth: videoseq's own loader ({@code io.videoseq.model.io.ModelZip}) never gets there.
 *
 * <p>The {@code ./videoseq} launcher sets the same filter with {@code -Djdk.serialFilter=!*}; {@link #install()}
 * covers {@code mvn exec:java}, tests and embedding, and keeps a filter that is already set (that property, or
 * an embedding application's own choice).
 */
final class SerialFilter {
    /** {@code jdk.serialFilter} syntax: reject every class. */
    static final String PATTERN = "!*";

    private SerialFilter() {
    }

    /** Sets the filter unless one is set already. Idempotent and safe to call from several threads. */
    static synchronized void install() {
        if (ObjectInputFilter.Config.getSerialFilter() != null) {
            return;
        }
        try {
            ObjectInputFilter.Config.setSerialFilter(ObjectInputFilter.Config.createFilter(PATTERN));
        } catch (IllegalStateException alreadySet) {
            // Someone outside this class set one in between: theirs stays.
        }
    }
}
