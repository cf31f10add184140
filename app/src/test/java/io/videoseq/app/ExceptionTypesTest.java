package io.videoseq.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.videoseq.core.VideoseqException;
import io.videoseq.training.run.RunRefusedException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every exception type of the modules the app runs has a known place in the exit codes: a {@link VideoseqException}
 * (a refusal the user can fix, exit 2), an I/O exception (exit 2), the trainer's {@link RunRefusedException}, or one
 * of the few named here. A new exception that extends {@code RuntimeException} directly fails here instead of
 * turning a user's mistake into exit 1 with a stack trace.
 */
class ExceptionTypesTest {
    /** Not refusals: an interruption of a decode (the run stops as on Ctrl-C). */
    private static final Set<String> NOT_REFUSALS = Set.of("io.videoseq.video.decode.DecodeInterruptedException");

    @Test
    void everyVideoseqExceptionIsClassified() throws Exception {
        Set<String> names = exceptionClassNames();
        // data, model, torch, inference, training, video, monitor and the app itself are all on this classpath.
        assertTrue(names.size() >= 14, names.toString());
        List<String> unclassified = new ArrayList<>();
        for (String name : names) {
            Class<?> type = Class.forName(name, false, getClass().getClassLoader());
            if (!Throwable.class.isAssignableFrom(type) || NOT_REFUSALS.contains(name)) {
                continue;
            }
            boolean refusal = VideoseqException.class.isAssignableFrom(type)
                    || IOException.class.isAssignableFrom(type) || UncheckedIOException.class.isAssignableFrom(type)
                    || RunRefusedException.class.isAssignableFrom(type);
            if (!refusal) {
                unclassified.add(name);
            }
        }
        assertEquals(List.of(), unclassified, "exceptions outside VideoseqException / I/O");
    }

    @Test
    void aVideoseqExceptionDeepInTheCauseChainIsTheUsersToFix() {
        RuntimeException wrapped = new RuntimeException("DL4J iterator failed",
                new io.videoseq.inference.ShapeMismatchException("m.zip: expected feature_dim 6, found 8"));
        assertEquals("m.zip: expected feature_dim 6, found 8",
                ErrorClassifier.userInputCause(wrapped).orElseThrow().getMessage());
    }

    /** The {@code io.videoseq...*Exception} classes in the classpath's folders and videoseq jars. */
    private static Set<String> exceptionClassNames() throws IOException {
        Set<String> names = new TreeSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p.resolve("io/videoseq"))) {
                try (Stream<Path> files = Files.walk(p.resolve("io/videoseq"))) {
                    files.map(f -> p.relativize(f).toString().replace(File.separatorChar, '/'))
                            .filter(ExceptionTypesTest::isExceptionClass)
                            .forEach(f -> names.add(className(f)));
                }
            } else if (p.getFileName() != null && p.getFileName().toString().startsWith("videoseq-")
                    && p.toString().endsWith(".jar") && !p.toString().endsWith("-tests.jar")) {
                try (JarFile jar = new JarFile(p.toFile())) {
                    for (Enumeration<java.util.jar.JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                        String f = e.nextElement().getName();
                        if (isExceptionClass(f)) {
                            names.add(className(f));
                        }
                    }
                }
            }
        }
        return names;
    }

    private static boolean isExceptionClass(String path) {
        return path.startsWith("io/videoseq/") && path.endsWith("Exception.class") && !path.contains("$")
                && !path.contains("/test/");
    }

    private static String className(String path) {
        return path.substring(0, path.length() - ".class".length()).replace('/', '.');
    }
}
