package io.videoseq.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * Requires a configuration value to have the JSON type of the value it replaces. The template is the record's
 * current value serialized by its module's mapper, so the record's Java types decide: an {@code int} or
 * {@code long} field wants an integer in its range, a {@code double} any number, a {@code boolean} a boolean,
 * a {@code String} or enum a string, a {@code List} an array whose elements are checked against its first
 * element, a nested record an object. {@code null} is never accepted for a non-null current value; a key whose
 * current value is null accepts anything and leaves the decision to the record.
 *
 * <p>Why here rather than in Jackson's coercion settings: the records' JSON creators take boxed values so that
 * an omitted key keeps its default, which makes an explicit {@code null} indistinguishable from an omitted key
 * once Jackson binds; and the records' mappers also read checkpoint metadata written by earlier versions,
 * which must stay as lenient as it was. Checking the merged tree's node types is exact and touches neither.
 */
final class JsonTypeCheck {
    private JsonTypeCheck() {
    }

    /** Throws a {@link ConfigError} naming {@code path} unless {@code value} has {@code template}'s type. */
    static void requireLike(JsonNode template, JsonNode value, String source, String path) {
        if (template.isNull()) {
            return;
        }
        if (!matches(template, value)) {
            throw ConfigError.mismatch(source, path, expected(template, value), value);
        }
        if (template.isArray() && !template.isEmpty()) {
            for (int i = 0; i < value.size(); i++) {
                requireLike(template.get(0), value.get(i), source, path + "[" + i + "]");
            }
        }
    }

    private static boolean matches(JsonNode template, JsonNode value) {
        if (template.isInt()) {
            return value.isIntegralNumber() && value.canConvertToInt();
        }
        if (template.isIntegralNumber()) {
            return value.isIntegralNumber() && value.canConvertToLong();
        }
        if (template.isNumber()) {
            return value.isNumber();
        }
        return value.getNodeType() == template.getNodeType();
    }

    private static String expected(JsonNode template, JsonNode value) {
        if (template.isIntegralNumber()) {
            if (!value.isIntegralNumber()) {
                return "an integer";
            }
            return template.isInt() ? "an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE
                    : "an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
        }
        return switch (template.getNodeType()) {
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case STRING -> "a string";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> template.getNodeType().toString().toLowerCase(Locale.ROOT);
        };
    }
}
