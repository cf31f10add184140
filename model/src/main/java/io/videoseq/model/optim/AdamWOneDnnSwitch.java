package io.videoseq.model.optim;

import io.videoseq.model.onednn.OneDnnSwitch;

/**
 * Whether {@link AdamWUpdater} runs FLOAT blocks on oneDNN ({@link AdamWOneDnn}): when the optional
 * {@code org.bytedeco:dnnl} library is on the classpath and loads, unless system property {@value #PROPERTY} or
 * environment variable {@value #ENV} is {@code never} ({@link OneDnnSwitch}). Kept apart from
 * {@link AdamWOneDnn}, whose bytecode names dnnl's classes, so that it can be asked without dnnl on the classpath.
 */
final class AdamWOneDnnSwitch {
    static final String PROPERTY = "videoseq.adamw.onednn";
    static final String ENV = "VIDEOSEQ_ADAMW_ONEDNN";

    private AdamWOneDnnSwitch() {
    }

    static boolean on() {
        return OneDnnSwitch.on(PROPERTY, ENV);
    }
}
