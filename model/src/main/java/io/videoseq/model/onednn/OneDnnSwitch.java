package io.videoseq.model.onednn;

import java.util.Locale;

/**
 * The {@code auto|never} switch of one use of oneDNN's own API: system property {@code property}, else environment
 * variable {@code env} (the property wins), read at every call so that a benchmark can compare both in one JVM.
 * {@code auto} (also when neither is set) means "when the library loads" ({@link OneDnnLibrary#loaded()}).
 */
public final class OneDnnSwitch {
    private OneDnnSwitch() {
    }

    /**
     * Whether this use is on.
     *
     * @throws IllegalStateException a value other than auto or never, in one line naming both keys
     */
    public static boolean on(String property, String env) {
        String mode = System.getProperty(property);
        if (mode == null) {
            mode = System.getenv(env);
        }
        mode = mode == null || mode.isBlank() ? "auto" : mode.trim().toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "never" -> false;
            case "auto" -> OneDnnLibrary.loaded();
            default -> throw new IllegalStateException("system property " + property + " / environment variable "
                    + env + ": expected auto or never, found " + mode);
        };
    }
}
