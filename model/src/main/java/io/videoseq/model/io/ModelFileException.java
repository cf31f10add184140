package io.videoseq.model.io;

import io.videoseq.core.VideoseqException;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A model zip that {@link ModelZip} refuses: not a complete zip, an entry no videoseq or DL4J model file has, an
 * entry larger than its configuration allows, corrupt bytes, or a configuration naming classes outside DL4J, ND4J
 * and videoseq. Thrown before anything from the file is trusted, so a caller can report it as bad input.
 *
 * <p>The message is one line: the file, the entry to blame (if any), what was expected and what was found, e.g.
 * {@code m.zip: entry preprocessor.bin: expected only configuration.json, ...; found an entry that DL4J would
 * deserialize as Java objects}. Names taken from the file are printed with control characters escaped, so a
 * crafted name cannot break that line.
 */
public class ModelFileException extends VideoseqException {

    /** What is wrong with the file, for callers that react differently (the message says it for humans). */
    public enum Reason {
        /** Missing, empty, truncated or not a zip at all. */
        NOT_A_ZIP,
        /** An entry name with {@code ..}, a backslash, a leading {@code /} or control characters. */
        UNSAFE_NAME,
        /** The same entry name twice in the central directory. */
        DUPLICATE_ENTRY,
        /** An entry that does not belong in a videoseq/DL4J model zip (e.g. {@code preprocessor.bin}). */
        UNEXPECTED_ENTRY,
        /** A required entry is absent. */
        MISSING_ENTRY,
        /** Declared or real sizes beyond the bounds (a zip bomb, or a configuration too large to be real). */
        TOO_LARGE,
        /** CRC mismatch, damaged compressed data, or fewer bytes than declared. */
        CORRUPT,
        /** A JSON type id naming a class outside the allowed packages. */
        FORBIDDEN_TYPE,
        /** Well-formed zip, but an entry's content is not what a model file holds (bad JSON, wrong array shape). */
        INVALID_CONTENT,
        /** The operating system failed to read the file. */
        UNREADABLE
    }

    private static final int MAX_NAME_CHARS = 200;

    private final transient Path file;
    private final String entry;
    private final Reason reason;

    /**
     * @param file     the model file
     * @param entry    the zip entry to blame, or {@code null} when the file as a whole is wrong
     * @param reason   the category
     * @param expected what a valid file has here (completes "expected ...")
     * @param found    what this file has instead (completes "found ...")
     */
    public ModelFileException(Path file, String entry, Reason reason, String expected, String found) {
        this(file, entry, reason, expected, found, null);
    }

    public ModelFileException(Path file, String entry, Reason reason, String expected, String found,
                              Throwable cause) {
        super(file + (entry == null ? "" : ": entry " + printable(entry)) + ": expected " + oneLine(expected)
                + "; found " + oneLine(found), cause);
        this.file = file;
        this.entry = entry;
        this.reason = reason;
    }

    public Path file() {
        return file;
    }

    /** The zip entry to blame; empty when the file as a whole is wrong. */
    public Optional<String> entry() {
        return Optional.ofNullable(entry);
    }

    public Reason reason() {
        return reason;
    }

    /**
     * {@code s} for a one-line message: control and line-separator characters escaped (backslash, u, four hex
     * digits), cut after {@value #MAX_NAME_CHARS} characters. For names and values read from an untrusted file.
     */
    public static String printable(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() <= MAX_NAME_CHARS; i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.length() > MAX_NAME_CHARS ? b.substring(0, MAX_NAME_CHARS) + "..." : b.toString();
    }

    /** The first line of a cause's message (DL4J and Jackson messages often span several). */
    static String firstLine(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return printable((nl < 0 ? m : m.substring(0, nl)).strip());
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ");
    }
}
