package io.videoseq.core.config;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The one format of every configuration error, a single line {@code SOURCE: KEY.PATH: PROBLEM}, e.g.
 * {@code run.json: training.epochs: expected an integer, found 2.5}. SOURCE is the file as given (or
 * {@code command-line options}); the key path is left out when the problem is the document as a whole.
 */
final class ConfigError {
    private static final int MAX_SHOWN = 60;

    private ConfigError() {
    }

    static ConfigException at(String source, String path, String problem) {
        return at(source, path, problem, null);
    }

    static ConfigException at(String source, String path, String problem, Throwable cause) {
        String where = path.isEmpty() ? "" : path + ": ";
        return new ConfigException(source + ": " + where + problem, cause);
    }

    /** {@code expected} is a phrase such as {@code an integer}; {@code found} is quoted as JSON text. */
    static ConfigException mismatch(String source, String path, String expected, JsonNode found) {
        return at(source, path, "expected " + expected + ", found " + show(found));
    }

    /** The value as JSON text ({@code "16"} for a string, {@code 16} for a number), shortened to one line. */
    static String show(JsonNode value) {
        String text = value.toString();
        return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN - 3) + "...";
    }
}
