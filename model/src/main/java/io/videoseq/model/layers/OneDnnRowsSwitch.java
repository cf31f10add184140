package io.videoseq.model.layers;

import io.videoseq.model.onednn.OneDnnLibrary;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.Locale;

/**
 * Whether the layers' inference rows run on oneDNN ({@link OneDnnRows}): FLOAT, not training, and the optional
 * {@code org.bytedeco:dnnl} library on the classpath and loadable, unless system property {@value #PROPERTY} or
 * environment variable {@value #ENV} is {@code never} (the property wins; read at every call, so that a benchmark
 * can compare both in one JVM). Kept apart from {@link OneDnnRows}, whose bytecode names dnnl's classes, so that it
 * can be asked without dnnl on the classpath.
 */
final class OneDnnRowsSwitch {
    static final String PROPERTY = "videoseq.rows.onednn";
    static final String ENV = "VIDEOSEQ_ROWS_ONEDNN";

    private OneDnnRowsSwitch() {
    }

    static boolean appliesTo(DataType dataType, boolean training) {
        if (training || dataType != DataType.FLOAT) {
            return false;
        }
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
