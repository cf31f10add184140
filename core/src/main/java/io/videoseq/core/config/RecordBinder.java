package io.videoseq.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Applies a partial JSON object to an immutable configuration record: the record is serialized with the
 * module's own mapper, the overlay merged over it ({@link JsonOverlay}, which also checks every value's JSON
 * type), and the result deserialized, so the record constructor validates the combination. Every failure
 * becomes a one-line {@link ConfigException} in the {@link ConfigError} format, naming the source and key.
 *
 * @param <T> the configuration record type
 */
public final class RecordBinder<T> {
    private final ObjectMapper mapper;
    private final Class<T> type;
    private final String section;
    private final UnaryOperator<JsonNode> implied;

    /**
     * @param mapper  the mapper the record's module uses (its naming strategy decides the JSON keys)
     * @param section the record's key in the configuration file, e.g. {@code model}
     */
    public RecordBinder(ObjectMapper mapper, Class<T> type, String section) {
        this(mapper, type, section, UnaryOperator.identity());
    }

    /**
     * @param implied the keys an overlay implies besides its own (the record's rule, e.g. a training overlay that
     *                names a monitor implies its mode), applied to each overlay before it is laid over
     */
    public RecordBinder(ObjectMapper mapper, Class<T> type, String section, UnaryOperator<JsonNode> implied) {
        this.mapper = mapper;
        this.type = type;
        this.section = section;
        this.implied = implied;
    }

    public String section() {
        return section;
    }

    /** {@code current} with the keys of {@code overlay} replaced; {@code source} names the overlay's origin. */
    public T apply(T current, JsonNode overlay, String source) {
        ObjectNode base = mapper.valueToTree(current);
        ObjectNode merged = JsonOverlay.merge(base, implied.apply(overlay), source, section);
        try {
            return mapper.treeToValue(merged, type);
        } catch (JsonProcessingException e) {
            throw describe(e, source);
        } catch (IllegalArgumentException e) {
            throw ConfigError.at(source, section, firstLine(rootCause(e)), e);
        }
    }

    private ConfigException describe(JsonProcessingException e, String source) {
        Throwable root = rootCause(e);
        if (root instanceof IllegalArgumentException) {
            return ConfigError.at(source, section, firstLine(root), e);
        }
        String where = e instanceof JsonMappingException jme ? keyPath(jme) : section;
        if (e instanceof InvalidFormatException ife && ife.getTargetType() != null && ife.getTargetType().isEnum()) {
            return ConfigError.at(source, where, "expected one of " + enumNames(ife.getTargetType()) + ", found "
                    + ConfigError.show(mapper.valueToTree(ife.getValue())), e);
        }
        return ConfigError.at(source, where, firstLine(e.getOriginalMessage()), e);
    }

    /** E.g. {@code model.head_dims[1]}. */
    private String keyPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder(section);
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                path.append('.').append(r.getFieldName());
            } else {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** The constants as the module's mapper writes them, e.g. {@code "epochs", "iterations"}. */
    private String enumNames(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants())
                .map(c -> mapper.valueToTree(c).toString())
                .collect(Collectors.joining(", "));
    }

    private static Throwable rootCause(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r;
    }

    private static String firstLine(Throwable t) {
        return firstLine(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
