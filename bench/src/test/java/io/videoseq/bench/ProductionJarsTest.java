package io.videoseq.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.videoseq.app.Main;
import io.videoseq.data.FeatureFile;
import io.videoseq.model.ModelConfig;
import io.videoseq.monitor.ResourceMonitor;
import io.videoseq.training.TrainConfig;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Benchmark code stays in this module: the production artifacts (their jar under {@code verify}, their
 * {@code target/classes} in a shorter reactor build) hold no {@code bench} package and none of the classes that
 * moved here, and JMH is on no classpath (nothing uses it).
 */
class ProductionJarsTest {
    private static final Set<String> MOVED_CLASSES = Set.of("ProductionSmoke", "IteratorThroughput", "BenchCommand",
            "BiLstmSpeed", "LayerProfile", "TorchBench", "VideoseqBench", "GemmCeiling");

    @ParameterizedTest
    @ValueSource(classes = {FeatureFile.class, ModelConfig.class, TrainConfig.class, ResourceMonitor.class,
        Main.class})
    void productionArtifactHasNoBenchmarkClasses(Class<?> member) throws Exception {
        Path location = Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> classes = classEntries(location);
        assertTrue(classes.contains(member.getName().replace('.', '/') + ".class"), location + ": " + classes.size());
        List<String> bench = classes.stream().filter(ProductionJarsTest::isBenchmark).toList();
        assertEquals(List.of(), bench, location + " holds benchmark classes");
    }

    @Test
    void jmhIsNotOnTheClasspath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.openjdk.jmh.Main"));
    }

    private static boolean isBenchmark(String entry) {
        String name = entry.substring(entry.lastIndexOf('/') + 1).replace(".class", "").replaceAll("\\$.*", "");
        return List.of(entry.split("/")).contains("bench") || MOVED_CLASSES.contains(name);
    }

    /** Class file paths ({@code io/videoseq/...}) of a jar or a classes folder. */
    private static List<String> classEntries(Path location) throws IOException, URISyntaxException {
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location)) {
                files.filter(p -> p.toString().endsWith(".class"))
                        .forEach(p -> names.add(location.relativize(p).toString().replace('\\', '/')));
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                jar.stream().map(JarEntry::getName).filter(n -> n.endsWith(".class")).forEach(names::add);
            }
        }
        return names;
    }
}
