package io.videoseq.app.config;

import io.videoseq.training.io.Json;
import com.fasterxml.jackson.core.JsonParser;
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
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        JsonNode node;
        try {
            node = Json.mapper().reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readTree(
                    Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            throw ConfigError.at(file.toString(), "", "not valid JSON: " + e.getOriginalMessage() + locationOf(e),
                    e);
        }
        String known = String.join(", ", new TreeSet<>(sections));
        if (node == null || node.isMissingNode()) {
            throw ConfigError.at(file.toString(), "", "expected a JSON object with keys " + known + ", found nothing");
        }
        if (!node.isObject()) {
            throw ConfigError.mismatch(file.toString(), "", "a JSON object with keys " + known, node);
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!sections.contains(name)) {
                throw ConfigError.at(file.toString(), "", "unknown key '" + name + "' (known keys: " + known + ")");
            }
        }
        return new ConfigDocument((ObjectNode) node, file.toString());
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
