package io.videoseq.video.backbone;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of a parsed literal ({@link JsLiteral}) from a file someone else wrote: every value of the wrong JSON
 * type is a one-line {@link BackboneException} naming the file and the key, never a {@code ClassCastException} or
 * {@code NullPointerException} further on.
 */
final class JsonFields {
    private JsonFields() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object value, Path file, String key) {
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw wrong(file, key, "an object", value);
    }

    @SuppressWarnings("unchecked")
    static List<Object> array(Object value, Path file, String key) {
        if (value instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw wrong(file, key, "an array", value);
    }

    static String string(Object value, Path file, String key) {
        if (value instanceof String s) {
            return s;
        }
        throw wrong(file, key, "a string", value);
    }

    /** A finite number. */
    static double number(Object value, Path file, String key) {
        if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        throw wrong(file, key, "a finite number", value);
    }

    /** An integer (written without a fraction or exponent) in {@code [min, max]}. */
    static long integer(Object value, Path file, String key, long min, long max) {
        if (value instanceof Long n && n >= min && n <= max) {
            return n;
        }
        throw wrong(file, key, "an integer " + min + ".." + max, value);
    }

    static BackboneException wrong(Path file, String key, String expected, Object found) {
        return new BackboneException(file + ": " + key + ": expected " + expected + ", found " + describe(found));
    }

    /** A short description of a parsed value: its JSON type, and the value itself when it is a scalar. */
    static String describe(Object v) {
        if (v == null) {
            return "null (or none)";
        }
        if (v instanceof String s) {
            return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s).replaceAll("\\p{Cntrl}", "?")
                    + "\"";
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        if (v instanceof Map<?, ?>) {
            return "an object";
        }
        if (v instanceof List<?> l) {
            return "an array of " + l.size();
        }
        return v.getClass().getSimpleName();
    }
}
