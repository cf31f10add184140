package io.videoseq.core.config;

import io.videoseq.core.json.JsonMappers;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@code --config} file: one JSON object whose keys are section names (e.g. {@code model}, {@code training}),
 * each a partial configuration record. Unknown sections and duplicate keys are errors naming the file; every
 * error has the one {@link ConfigError} format.
 */
public final class ConfigDocument {
    private final ObjectNode root;
    private final String source;

    private ConfigDocument(ObjectNode root, String source) {
        this.root = root;
        this.source = source;
    }

    /** An empty document: every section keeps its defaults. */
    public static ConfigDocument empty() {
        return new ConfigDocument(JsonNodeFactory.instance.objectNode(), "defaults");
    }

    public static ConfigDocument read(Path file, Set<String> sections) throws IOException {
        String known = String.join(", ", new TreeSet<>(sections));
        JsonNode node = parse(file, "a JSON object with keys " + known);
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!sections.contains(name)) {
                throw ConfigError.at(file.toString(), "", "unknown key '" + name + "' (known keys: " + known + ")");
            }
        }
        return new ConfigDocument((ObjectNode) node, file.toString());
    }

    /**
     * A file that holds one section's keys at its root (e.g. {@code import-torch --config model.json}: the keys
     * of the {@code model} section); errors name them as in a whole document ({@code model.hidden_dim}).
     */
    public static ConfigDocument readSection(Path file, String section) throws IOException {
        JsonNode node = parse(file, "a JSON object with the keys of the \"" + section + "\" section");
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.set(section, node);
        return new ConfigDocument(root, file.toString());
    }

    /** The file's one JSON object (duplicate keys refused). */
    private static JsonNode parse(Path file, String expected) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        JsonNode node;
        try {
            // FAIL_ON_TRAILING_TOKENS: "{...} x" is a broken file, not a config followed by a remark.
            node = JsonMappers.documents().reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            throw ConfigError.at(file.toString(), "", "not valid JSON: " + e.getOriginalMessage() + locationOf(e),
                    e);
        }
        if (node == null || node.isMissingNode()) {
            throw ConfigError.at(file.toString(), "", "expected " + expected + ", found nothing");
        }
        if (!node.isObject()) {
            throw ConfigError.mismatch(file.toString(), "", expected, node);
        }
        return node;
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    /** The section's record: {@code defaults} with this document's keys for that section applied. */
    public <T> T bind(RecordBinder<T> binder, T defaults) {
        JsonNode section = root.get(binder.section());
        return section == null ? defaults : binder.apply(defaults, section, source);
    }

    public String source() {
        return source;
    }
}
