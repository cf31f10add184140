package io.videoseq.model.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.videoseq.model.io.ModelFileException.Reason;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Refuses a DL4J configuration whose JSON type ids name classes outside DL4J, ND4J and videoseq, before DL4J's
 * Jackson sees it. DL4J resolves type ids with {@code Class.forName} (which runs the class's static initializer)
 * and instantiates any subtype of the declared type it finds; limiting the names limits both to code we already
 * trust.
 *
 * <p>Type ids in DL4J/ND4J M2.1 (every {@code @JsonTypeInfo} in deeplearning4j-nn, nd4j-api and nd4j-common was
 * listed): {@code use = CLASS} under the property {@value #CLASS_PROPERTY} (activations, losses, updaters,
 * schedules, layers, vertices, weight init, dropout, regularization), and under {@value #TYPE_PROPERTY} for
 * {@code Distribution}; the others are names mapped by DL4J itself. So every {@value #CLASS_PROPERTY} value must
 * be a plain binary class name in an allowed package (no generics such as {@code a.B<c.D>}, which Jackson would
 * also load, no arrays), and so must every {@value #TYPE_PROPERTY} value that could name a class in a package.
 *
 * <p>The walk is a streaming one with duplicate keys refused (Jackson's type deserializer uses the first
 * {@value #CLASS_PROPERTY}, a tree the last) and the nesting depth bounded.
 */
final class TypeIds {
    static final String CLASS_PROPERTY = "@class";
    static final String TYPE_PROPERTY = "type";
    static final List<String> ALLOWED_PACKAGES = List.of("org.deeplearning4j.", "org.nd4j.", "io.videoseq.");
    /** Inside org.nd4j but not ND4J's own code: the libraries it shades (Jackson, Guava, ...). */
    static final String SHADED_PACKAGE = "org.nd4j.shade.";
    static final String EXPECTED = "type ids (" + CLASS_PROPERTY + ") naming classes in "
            + String.join(", ", ALLOWED_PACKAGES);

    private static final Pattern BINARY_NAME =
            Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)+");
    /** A {@value #TYPE_PROPERTY} value like "RNN": cannot name a class in a package, so no type id to check. */
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_]*");

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(Limits.MAX_JSON_DEPTH).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private TypeIds() {
    }

    /** Throws a {@link ModelFileException} naming the file, the JSON path and the class if one is not allowed. */
    static void check(Path file, String entry, String json) {
        try (JsonParser p = JSON.createParser(json)) {
            int depth = 0;
            int roots = 0;
            String typeField = null;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (depth == 0 && ++roots > 1) {
                    throw new ModelFileException(file, entry, Reason.INVALID_CONTENT, "one JSON document",
                            "more JSON after it");
                }
                if (typeField != null) {
                    checkValue(file, entry, typeField, t, p);
                    typeField = null;
                }
                if (t == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    typeField = CLASS_PROPERTY.equals(name) || TYPE_PROPERTY.equals(name) ? name : null;
                } else if (t.isStructStart()) {
                    depth++;
                } else if (t.isStructEnd()) {
                    depth--;
                }
            }
        } catch (StreamConstraintsException e) {
            throw new ModelFileException(file, entry, Reason.INVALID_CONTENT, "JSON nested at most "
                    + Limits.MAX_JSON_DEPTH + " deep", "deeper JSON", e);
        } catch (IOException e) {
            throw new ModelFileException(file, entry, Reason.INVALID_CONTENT, "well-formed JSON",
                    ModelFileException.firstLine(e), e);
        }
    }

    private static void checkValue(Path file, String entry, String field, JsonToken value, JsonParser p)
            throws IOException {
        boolean classProperty = CLASS_PROPERTY.equals(field);
        String path = ModelFileException.printable(p.getParsingContext().pathAsPointer().toString());
        if (value != JsonToken.VALUE_STRING) {
            if (classProperty) {
                throw new ModelFileException(file, entry, Reason.FORBIDDEN_TYPE, EXPECTED, "a " + value.name()
                        + " at " + path);
            }
            return; // an object, array or number under "type" is no type id; the walk goes on inside it
        }
        String id = p.getText();
        if (!classProperty && PLAIN_WORD.matcher(id).matches()) {
            return;
        }
        if (!allowed(id)) {
            throw new ModelFileException(file, entry, Reason.FORBIDDEN_TYPE, EXPECTED, "\""
                    + ModelFileException.printable(id) + "\" at " + path);
        }
    }

    /** Whether Jackson may resolve {@code id}: a plain binary class name in an allowed, non-shaded package. */
    static boolean allowed(String id) {
        if (!BINARY_NAME.matcher(id).matches() || id.startsWith(SHADED_PACKAGE)) {
            return false;
        }
        return ALLOWED_PACKAGES.stream().anyMatch(id::startsWith);
    }
}
