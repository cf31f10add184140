package io.videoseq.model.io;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The zip entries a videoseq or DL4J model file may have, and the names refused outright.
 *
 * <p>DL4J's {@code ModelSerializer} writes {@value #CONFIGURATION}, {@value #COEFFICIENTS}, optionally
 * {@value #UPDATER_STATE}, and {@value #NO_PARAMS} for a graph without parameters; videoseq adds entries under
 * {@value #EXTRA_PREFIX}. Everything else is refused, in particular {@code preprocessor.bin}, which
 * {@code ModelSerializer} reads with {@code ObjectInputStream.readObject()}.
 */
final class EntryNames {
    static final String CONFIGURATION = "configuration.json";
    static final String COEFFICIENTS = "coefficients.bin";
    static final String UPDATER_STATE = "updaterState.bin";
    static final String NO_PARAMS = "noParams.marker";
    static final String EXTRA_PREFIX = "videoseq/";

    static final String EXPECTED = "only " + CONFIGURATION + ", " + COEFFICIENTS + ", " + UPDATER_STATE + ", "
            + NO_PARAMS + ", " + EXTRA_PREFIX + "*";

    private static final Set<String> DL4J = Set.of(CONFIGURATION, COEFFICIENTS, UPDATER_STATE, NO_PARAMS);
    /** videoseq/ followed by one or more plain segments: letters, digits, '.', '_', '-', not starting with '.'. */
    private static final Pattern EXTRA = Pattern.compile("videoseq(/[A-Za-z0-9_-][A-Za-z0-9._-]*)+");

    private EntryNames() {
    }

    /** Why {@code name} could point outside an extraction directory or break a message; empty if it cannot. */
    static Optional<String> unsafe(String name) {
        if (name.isEmpty()) {
            return Optional.of("an empty name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return Optional.of("a name with control characters");
            }
        }
        if (name.indexOf('\\') >= 0) {
            return Optional.of("a name with a backslash");
        }
        if (name.startsWith("/") || name.matches("[A-Za-z]:.*")) {
            return Optional.of("an absolute name");
        }
        for (String segment : name.split("/", -1)) {
            if (segment.equals("..")) {
                return Optional.of("a name with '..'");
            }
        }
        return Optional.empty();
    }

    static boolean allowed(String name) {
        return DL4J.contains(name) || EXTRA.matcher(name).matches();
    }

    static boolean isExtra(String name) {
        return EXTRA.matcher(name).matches();
    }

    /** What an entry that is not {@link #allowed} is, for the "found ..." part of the message. */
    static String describeUnexpected(String name) {
        if (name.equals("preprocessor.bin")) {
            return "an entry that DL4J would deserialize as Java objects";
        }
        if (name.equals("normalizer.bin") || name.startsWith("objects/")) {
            return "an entry that DL4J may deserialize as Java objects";
        }
        if (name.endsWith("/")) {
            return "a directory entry";
        }
        return "an entry no videoseq or DL4J model file has";
    }
}
