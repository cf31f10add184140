package io.videoseq.model.optim;

import io.videoseq.model.onednn.OneDnnLibrary;

import java.util.Locale;

/**
 * Whether {@link AdamWUpdater} runs FLOAT blocks on oneDNN ({@link AdamWOneDnn}): when the optional
 * {@code org.bytedeco:dnnl} library is on the classpath and loads, unless system property {@value #PROPERTY} or
 * environment variable {@value #ENV} is {@code never} (the property wins). Kept apart from {@link AdamWOneDnn},
 * whose bytecode names dnnl's classes, so that it can be asked without dnnl on the classpath.
 */
final class AdamWOneDnnSwitch {
    static final String PROPERTY = "videoseq.adamw.onednn";
    static final String ENV = "VIDEOSEQ_ADAMW_ONEDNN";

    private AdamWOneDnnSwitch() {
    }

    static boolean on() {
        String mode = System.getProperty(PROPERTY);
        if (mode == null) {
            mode = System.getenv(ENV);
        }
        mode = mode == null || mode.isBlank() ? "auto" : mode.trim().toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "never" -> false;
            case "auto" -> OneDnnLibrary.loaded();
            default -> throw new IllegalStateException("system property " + PROPERTY + " / environment variable "
                    + ENV + ": expected auto or never, found " + mode);
        };
    }
}
