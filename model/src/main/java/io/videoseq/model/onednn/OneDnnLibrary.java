package io.videoseq.model.onednn;

import org.bytedeco.javacpp.Loader;

/**
 * Whether oneDNN's own library ({@code org.bytedeco:dnnl}, an optional dependency) is on the classpath and its natives
 * load here. Names none of dnnl's classes, so it can be asked where dnnl is absent. Looked up once: loading the
 * natives is the expensive part and cannot change in a running JVM.
 */
public final class OneDnnLibrary {
    private OneDnnLibrary() {
    }

    public static boolean loaded() {
        return Holder.WHY == null;
    }

    /** Why it does not load, or null when it does. */
    public static String why() {
        return Holder.WHY;
    }

    private static final class Holder {
        static final String WHY = load();

        private static String load() {
            try {
                Loader.load(Class.forName("org.bytedeco.dnnl.global.dnnl"));
                return null;
            } catch (ClassNotFoundException e) {
                return "org.bytedeco:dnnl is not on the classpath";
            } catch (Throwable e) { // UnsatisfiedLinkError and friends: no natives for this platform
                return e.toString();
            }
        }
    }
}
