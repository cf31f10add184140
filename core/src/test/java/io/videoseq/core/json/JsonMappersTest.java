package io.videoseq.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.junit.jupiter.api.Test;

/**
 * The settings of each mapper, which decide how videoseq's files read and are written: the mappers replaced
 * per-class configurations with exactly these settings, so a change here changes a file format.
 */
class JsonMappersTest {
    record Sample(@JsonProperty("size") int size, @JsonProperty("name") String name) {
    }

    @Test
    void recordsAndDocumentsRefuseUnknownKeysAndNullForAPrimitive() {
        for (var mapper : new com.fasterxml.jackson.databind.ObjectMapper[] {JsonMappers.records(),
            JsonMappers.documents()}) {
            assertThrows(UnrecognizedPropertyException.class,
                    () -> mapper.readValue("{\"size\": 1, \"name\": \"a\", \"extra\": 2}", Sample.class));
            assertThrows(MismatchedInputException.class,
                    () -> mapper.readValue("{\"size\": null, \"name\": \"a\"}", Sample.class));
            assertThrows(com.fasterxml.jackson.databind.exc.InvalidDefinitionException.class,
                    () -> JsonMappers.plain().writeValueAsString(new Object()));
        }
    }

    @Test
    void plainIsJacksonsDefaults() throws Exception {
        assertEquals(new Sample(0, "a"), JsonMappers.plain().readValue("{\"size\": null, \"name\": \"a\"}",
                Sample.class));
        assertEquals("{\"size\":1,\"name\":\"a\"}", JsonMappers.plain().writeValueAsString(new Sample(1, "a")));
        assertEquals("{\"size\":1,\"name\":\"a\"}", JsonMappers.records().writeValueAsString(new Sample(1, "a")));
    }

    @Test
    void documentsAreIndentedAndWriteAnEmptyObject() throws Exception {
        String json = JsonMappers.documents().writeValueAsString(new Sample(1, "a"));
        assertTrue(json.contains("\n  \"size\" : 1"), json);
        assertEquals("{ }", JsonMappers.documents().writeValueAsString(new Object()));
    }
}
