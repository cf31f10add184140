package io.videoseq.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.util.Arrays;
import org.slf4j.LoggerFactory;

/**
 * {@code --verbose}: DEBUG logging for videoseq and stack traces on errors. Read from the raw arguments
 * because it must work even when parsing the rest of the command line failed.
 */
final class Verbosity {
    static final String OPTION = "--verbose";

    private Verbosity() {
    }

    static boolean requested(String[] args) {
        return Arrays.asList(args).contains(OPTION);
    }

    static void apply(boolean verbose) {
        if (verbose && LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger("io.videoseq").setLevel(Level.DEBUG);
        }
    }
}
