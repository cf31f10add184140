package io.videoseq.app.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.videoseq.app.UserInputException;
import java.util.stream.Collectors;

/**
 * Applies a partial JSON object to an immutable configuration record: the record is serialized with the
 * module's own mapper, the overlay merged over it ({@link JsonOverlay}), and the result deserialized, so the
 * record constructor validates the combination. Every failure becomes a one-line {@link UserInputException}
 * naming the source and key.
 *
 * @param <T> the configuration record type
 */
public final class RecordBinder<T> {
    private final ObjectMapper mapper;
    private final Class<T> type;
    private final String section;

    /**
     * @param mapper  the mapper the record's module uses (its naming strategy decides the JSON keys)
     * @param section the record's key in the configuration file, e.g. {@code model}
     */
    public RecordBinder(ObjectMapper mapper, Class<T> type, String section) {
        this.mapper = mapper;
        this.type = type;
        this.section = section;
    }

    public String section() {
        return section;
    }

    /** {@code current} with the keys of {@code overlay} replaced; {@code source} names the overlay's origin. */
    public T apply(T current, JsonNode overlay, String source) {
        ObjectNode base = mapper.valueToTree(current);
        ObjectNode merged = JsonOverlay.merge(base, overlay, source, section);
        try {
            return mapper.treeToValue(merged, type);
        } catch (JsonProcessingException e) {
            throw new UserInputException(source + ": " + describe(e), e);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(source + ": " + section + ": " + firstLine(rootCause(e)), e);
        }
    }

    private String describe(JsonProcessingException e) {
        Throwable root = rootCause(e);
        if (root instanceof IllegalArgumentException) {
            return section + ": " + firstLine(root);
        }
        String where = section;
        if (e instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
            where = section + "." + jme.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
        }
        return "bad value for '" + where + "': " + firstLine(e.getOriginalMessage());
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
