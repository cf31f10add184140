package io.videoseq.video.backbone;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a JavaScript object literal as minifiers write it (bare keys, {@code !0}/{@code !1} for true/false,
 * {@code .5} numbers, single or double quoted strings, {@code void 0}) into plain Java values: {@link Map}
 * (insertion order), {@link List}, {@link String}, {@link Double}/{@link Long}, {@link Boolean}, null. JSON is a
 * subset, so it reads {@code model.json} too. This is what lets a TensorFlow.js model bundled as a {@code .js}
 * module (nsfwjs's {@code model.min.js}) be read without running JavaScript; no JSON library accepts
 * {@code !0}.
 *
 * <p>Files from strangers: objects and arrays nest at most {@link #MAX_DEPTH} deep (the parser recurses once per
 * level, and 5,000 nested {@code [} in 10 KB overflowed the stack), a key appears once per object (two values for
 * one key would let two readers see two models), and every malformed escape or number is an
 * {@link IllegalArgumentException} naming the offset, never an index or number-format exception.
 */
final class JsLiteral {
    /** Deepest nesting of objects and arrays; Keras topologies nest about 10 deep. */
    static final int MAX_DEPTH = 64;

    private final String s;
    private final String source;
    private int i;
    private int depth;

    private JsLiteral(String text, int start, String source) {
        this.s = text;
        this.i = start;
        this.source = source;
    }

    /** Parses the value starting at {@code start} of {@code text}; {@code source} names the file in errors. */
    static Object parse(String text, int start, String source) {
        return new JsLiteral(text, start, source).value();
    }

    private IllegalArgumentException error(String expected) {
        String near = s.substring(i, Math.min(s.length(), i + 30)).replaceAll("\\p{Cntrl}", "?");
        return new IllegalArgumentException(source + ": offset " + i + ": expected " + expected + ", found "
                + (near.isEmpty() ? "the end of the text" : "'" + near + "'"));
    }

    private void skipSpace() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }

    private Object value() {
        skipSpace();
        if (i >= s.length()) {
            throw error("a value");
        }
        char c = s.charAt(i);
        if (c == '{' || c == '[') {
            if (++depth > MAX_DEPTH) {
                throw error("objects and arrays nested at most " + MAX_DEPTH + " deep");
            }
            Object nested = c == '{' ? object() : array();
            depth--;
            return nested;
        }
        if (c == '"' || c == '\'') {
            return string();
        }
        if (c == '!' && i + 1 < s.length() && (s.charAt(i + 1) == '0' || s.charAt(i + 1) == '1')) {
            i += 2;
            return s.charAt(i - 1) == '0';
        }
        if (c == '-' || c == '+' || c == '.' || Character.isDigit(c)) {
            return number();
        }
        int wordStart = i;
        String word = identifier();
        switch (word) {
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            case "null":
                return null;
            case "void":
                skipSpace();
                number();
                return null;
            default:
                i = wordStart;
                throw error("a literal value (objects, arrays, strings, numbers, booleans, null)");
        }
    }

    private Map<String, Object> object() {
        Map<String, Object> out = new LinkedHashMap<>();
        i++;
        skipSpace();
        if (peek('}')) {
            i++;
            return out;
        }
        while (true) {
            skipSpace();
            char c = i < s.length() ? s.charAt(i) : 0;
            int keyStart = i;
            String key = c == '"' || c == '\'' ? string() : Character.isDigit(c) ? number().toString() : identifier();
            skipSpace();
            expect(':');
            if (out.containsKey(key)) {
                i = keyStart;
                throw error("each key once in an object");
            }
            out.put(key, value());
            skipSpace();
            if (peek(',')) {
                i++;
                continue;
            }
            expect('}');
            return out;
        }
    }

    private List<Object> array() {
        List<Object> out = new ArrayList<>();
        i++;
        skipSpace();
        if (peek(']')) {
            i++;
            return out;
        }
        while (true) {
            out.add(value());
            skipSpace();
            if (peek(',')) {
                i++;
                continue;
            }
            expect(']');
            return out;
        }
    }

    private boolean peek(char c) {
        return i < s.length() && s.charAt(i) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw error("'" + c + "'");
        }
        i++;
    }

    private String identifier() {
        int start = i;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_'
                || s.charAt(i) == '$')) {
            i++;
        }
        if (start == i) {
            throw error("a key or literal");
        }
        return s.substring(start, i);
    }

    private Number number() {
        int start = i;
        if (peek('-') || peek('+')) {
            i++;
        }
        while (i < s.length() && "0123456789.eE+-".indexOf(s.charAt(i)) >= 0) {
            char c = s.charAt(i);
            if ((c == '+' || c == '-') && !(s.charAt(i - 1) == 'e' || s.charAt(i - 1) == 'E')) {
                break;
            }
            i++;
        }
        String text = s.substring(start, i);
        try {
            if (text.matches("[+-]?\\d+")) {
                return Long.parseLong(text);
            }
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            i = start;
            throw error("a number");
        }
    }

    private String string() {
        char quote = s.charAt(i++);
        StringBuilder b = new StringBuilder();
        while (i < s.length()) {
            char c = s.charAt(i++);
            if (c == quote) {
                return b.toString();
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (i >= s.length()) {
                break;
            }
            char e = s.charAt(i++);
            switch (e) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'u' -> b.append(hex(4));
                case 'x' -> b.append(hex(2));
                default -> b.append(e);
            }
        }
        throw error("a closing " + quote);
    }

    /** The {@code digits} hex digits of a u (4) or x (2) escape, as one char. */
    private char hex(int digits) {
        int v = 0;
        for (int k = 0; k < digits; k++) {
            int d = i < s.length() && s.charAt(i) < 128 ? Character.digit(s.charAt(i), 16) : -1;
            if (d < 0) {
                throw error(digits + " hex digits in an escape");
            }
            v = v * 16 + d;
            i++;
        }
        return (char) v;
    }
}
