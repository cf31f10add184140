package io.videoseq.training.checkpoint;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Where a checkpoint was made: library and runtime versions, so an old checkpoint explains itself.
 *
 * @param dl4j    deeplearning4j-nn version
 * @param nd4j    nd4j-api version
 * @param backend ND4J backend class in use
 * @param java    Java runtime version
 * @param os      operating system name and version
 * @param arch    CPU architecture
 */
public record Provenance(
        @JsonProperty("dl4j") String dl4j,
        @JsonProperty("nd4j") String nd4j,
        @JsonProperty("backend") String backend,
        @JsonProperty("java") String java,
        @JsonProperty("os") String os,
        @JsonProperty("arch") String arch) {

    /** The provenance of the running process. */
    public static Provenance current() {
        return new Provenance(
                mavenVersion("org.deeplearning4j", "deeplearning4j-nn"),
                mavenVersion("org.nd4j", "nd4j-api"),
                backendName(),
                System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("os.arch"));
    }

    private static String backendName() {
        try {
            return org.nd4j.linalg.factory.Nd4j.getBackend().getClass().getName();
        } catch (RuntimeException | LinkageError e) {
            return "unavailable: " + e.getClass().getSimpleName();
        }
    }

    private static String mavenVersion(String group, String artifact) {
        String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = Provenance.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource + " from the class path", e);
        }
    }
}
