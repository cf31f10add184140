package io.videoseq.app.trust;

import io.videoseq.app.Main;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Starts {@code videoseq} ({@link Main}) in a child JVM on this test classpath, output and errors merged.
 *
 * <p>The child starts with SIGINT and SIGTERM at their default disposition, whatever this JVM inherited: a process
 * started with SIGINT ignored (a background job, {@code nohup}, some CI runners) passes that on to its children,
 * and a child that ignores Ctrl-C cannot test Ctrl-C. coreutils' {@code env --default-signal} (9.0+) resets them;
 * where it is missing the child inherits as before.
 */
final class ChildCli {
    private static final String ENV = "/usr/bin/env";

    private ChildCli() {
    }

    static Process start(List<String> jvmFlags, String classpath, String... args) throws Exception {
        return new ProcessBuilder(command(jvmFlags, classpath, args)).redirectErrorStream(true).start();
    }

    /** As {@link #start(List, String...)}, with stdout and stderr kept apart. */
    static Process startSeparate(List<String> jvmFlags, String... args) throws Exception {
        return new ProcessBuilder(command(jvmFlags, System.getProperty("java.class.path"), args)).start();
    }

    static List<String> command(List<String> jvmFlags, String classpath, String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>();
        if (DEFAULT_SIGNALS) {
            cmd.addAll(List.of(ENV, "--default-signal=INT,TERM"));
        }
        cmd.addAll(List.of(java, "-Xmx1g"));
        cmd.addAll(jvmFlags);
        cmd.addAll(List.of("-cp", classpath, Main.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Whether this machine's env can reset signal dispositions. */
    static final boolean DEFAULT_SIGNALS = envResetsSignals();

    private static boolean envResetsSignals() {
        try {
            Process p = new ProcessBuilder(ENV, "--default-signal=INT,TERM", "true").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
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
