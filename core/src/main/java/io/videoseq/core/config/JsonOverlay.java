package io.videoseq.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;

/**
 * Lays a partial JSON object over a complete one (a configuration record's current value serialized to JSON):
 * keys present in the overlay replace the base value, nested objects merge key by key, absent keys keep the
 * base value. A key the base does not have is an error naming its full path, so typos never pass silently; a
 * value of another JSON type than the base value's (a string or {@code null} for a number, a fraction for an
 * integer, ...) is an error naming its path, the expected type and the value ({@link JsonTypeCheck}).
 */
public final class JsonOverlay {
    private JsonOverlay() {
    }

    /**
     * Returns a merged copy of {@code base}; neither argument changes.
     *
     * @param source names where the overlay came from ({@code config.json}, {@code command-line options})
     * @param path   the dotted path of {@code base} inside the whole document, e.g. {@code training}
     */
    public static ObjectNode merge(ObjectNode base, JsonNode overlay, String source, String path) {
        JsonTypeCheck.requireLike(base, overlay, source, path);
        ObjectNode merged = base.deepCopy();
        Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            String keyPath = path.isEmpty() ? key : path + "." + key;
            JsonNode current = merged.get(key);
            if (current == null) {
                throw ConfigError.at(source, path, "unknown key '" + keyPath + "' (known keys: "
                        + String.join(", ", keysOf(base)) + ")");
            }
            if (current.isObject()) {
                merged.set(key, merge((ObjectNode) current, field.getValue(), source, keyPath));
            } else {
                JsonTypeCheck.requireLike(current, field.getValue(), source, keyPath);
                merged.set(key, field.getValue());
            }
        }
        return merged;
    }

    private static TreeSet<String> keysOf(JsonNode node) {
        TreeSet<String> keys = new TreeSet<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
