package io.videoseq.model.layers;

import io.videoseq.model.onednn.OneDnnSwitch;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Whether the layers' inference rows run on oneDNN ({@link OneDnnRows}): FLOAT, not training, and the optional
 * {@code org.bytedeco:dnnl} library on the classpath and loadable, unless system property {@value #PROPERTY} or
 * environment variable {@value #ENV} is {@code never} ({@link OneDnnSwitch}). Kept apart from {@link OneDnnRows},
 * whose bytecode names dnnl's classes, so that it can be asked without dnnl on the classpath.
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
        return OneDnnSwitch.on(PROPERTY, ENV);
    }
}
