package io.videoseq.app;

import io.videoseq.model.runtime.NativeRuntime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version}: the project version stamped in at build time, the Java runtime and the native code ND4J runs
 * (which libnd4j build, which OpenBLAS kernels): what a speed or crash report needs first.
 */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the version resource", e);
        }
        return new String[] {
            "videoseq " + p.getProperty("version", "unknown") + " (DL4J " + p.getProperty("dl4j", "unknown") + ")",
            "Java " + System.getProperty("java.version") + " on " + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch"),
            nativeLine()
        };
    }

    private static String nativeLine() {
        try {
            return "Native: " + NativeRuntime.current().summary();
        } catch (Throwable t) { // no usable backend: --version must still print the rest
            return "Native: no usable ND4J backend (" + t.getClass().getSimpleName() + ")";
        }
    }
}
