package io.videoseq.app.trust;

import io.videoseq.app.Main;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Starts {@code videoseq} ({@link Main}) in a child JVM on this test classpath, output and errors merged. */
final class ChildCli {
    private ChildCli() {
    }

    static Process start(List<String> jvmFlags, String classpath, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx1g"));
        cmd.addAll(jvmFlags);
        cmd.addAll(List.of("-cp", classpath, Main.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    static Process start(List<String> jvmFlags, String... args) throws Exception {
        return start(jvmFlags, System.getProperty("java.class.path"), args);
    }

    /** This test classpath without the entries whose file name contains {@code fragment}. */
    static String classpathWithout(String fragment) {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !Path.of(e).getFileName().toString().contains(fragment))
                .collect(Collectors.joining(File.pathSeparator));
    }
}
