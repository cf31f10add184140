package io.videoseq.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every JSON type against every kind of record value: the overlay's value must have the base value's type. */
class JsonOverlayTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a record with int, long, double, boolean, String, List and nested-record fields serializes to. */
    private static ObjectNode base() {
        ObjectNode base = JsonNodeFactory.instance.objectNode();
        base.put("count", 3);
        base.put("seed", 42L);
        base.put("rate", 0.5);
        base.put("flag", true);
        base.put("name", "adamw");
        base.putArray("dims").add(1).add(2);
        base.putObject("opt").put("beta", 0.9);
        base.putNull("note");
        return base;
    }

    private static ObjectNode merge(String overlay) throws Exception {
        return JsonOverlay.merge(base(), JSON.readTree(overlay), "cfg.json", "net");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        // string for integer, fraction for integer, integer out of range
        "{\"count\": \"16\"}          | net.count: expected an integer, found \"16\"",
        "{\"count\": 2.5}             | net.count: expected an integer, found 2.5",
        "{\"count\": 2.0}             | net.count: expected an integer, found 2.0",
        "{\"count\": 3000000000}      | net.count: expected an integer from -2147483648 to 2147483647,"
                + " found 3000000000",
        "{\"seed\": 1e3}              | net.seed: expected an integer, found 1000.0",
        "{\"seed\": 99999999999999999999} | net.seed: expected an integer from -9223372036854775808 to"
                + " 9223372036854775807, found 99999999999999999999",
        // string for number
        "{\"rate\": \"0.1\"}          | net.rate: expected a number, found \"0.1\"",
        // null anywhere
        "{\"count\": null}            | net.count: expected an integer, found null",
        "{\"rate\": null}             | net.rate: expected a number, found null",
        "{\"flag\": null}             | net.flag: expected a boolean, found null",
        "{\"name\": null}             | net.name: expected a string, found null",
        "{\"dims\": null}             | net.dims: expected an array, found null",
        "{\"dims\": [1, null]}        | net.dims[1]: expected an integer, found null",
        "{\"opt\": null}              | net.opt: expected an object, found null",
        "{\"opt\": {\"beta\": null}}  | net.opt.beta: expected a number, found null",
        // boolean for number, number for boolean, the other scalars
        "{\"count\": true}            | net.count: expected an integer, found true",
        "{\"rate\": false}            | net.rate: expected a number, found false",
        "{\"flag\": 1}                | net.flag: expected a boolean, found 1",
        "{\"flag\": \"true\"}         | net.flag: expected a boolean, found \"true\"",
        "{\"name\": 5}                | net.name: expected a string, found 5",
        // array or object for a scalar, and the other way round
        "{\"count\": [3]}             | net.count: expected an integer, found [3]",
        "{\"name\": [\"adamw\"]}      | net.name: expected a string, found [\"adamw\"]",
        "{\"rate\": {\"value\": 1}}   | net.rate: expected a number, found {\"value\":1}",
        "{\"dims\": 3}                | net.dims: expected an array, found 3",
        "{\"dims\": [1, \"2\"]}       | net.dims[1]: expected an integer, found \"2\"",
        "{\"dims\": [1, 2.5]}         | net.dims[1]: expected an integer, found 2.5",
        "{\"opt\": 1}                 | net.opt: expected an object, found 1",
        "{\"opt\": {\"beta\": \"x\"}} | net.opt.beta: expected a number, found \"x\"",
    })
    void aValueOfAnotherTypeNamesThePathTheExpectedTypeAndTheValue(String overlay, String message) {
        ConfigException e = assertThrows(ConfigException.class, () -> merge(overlay));
        assertEquals("cfg.json: " + message, e.getMessage());
    }

    @Test
    void aLongValueIsShortenedSoTheMessageStaysShort() {
        String overlay = "{\"count\": \"" + "a".repeat(500) + "\"}";
        ConfigException e = assertThrows(ConfigException.class, () -> merge(overlay));
        assertTrue(e.getMessage().startsWith("cfg.json: net.count: expected an integer, found \"aaa"), e.getMessage());
        assertTrue(e.getMessage().endsWith("...") && e.getMessage().length() < 120, e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"3", "[1]", "\"net\"", "null"})
    void aSectionThatIsNoObjectIsAnError(String overlay) throws Exception {
        ConfigException e = assertThrows(ConfigException.class,
                () -> JsonOverlay.merge(base(), JSON.readTree(overlay), "cfg.json", "net"));
        assertEquals("cfg.json: net: expected an object, found " + overlay, e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "{\"rate\": 1}                          | rate  | 1",
        "{\"rate\": -2.5e-3}                    | rate  | -0.0025",
        "{\"seed\": 3000000000}                 | seed  | 3000000000",
        "{\"count\": -7}                        | count | -7",
        "{\"dims\": []}                         | dims  | []",
        "{\"dims\": [4, 5, 6]}                  | dims  | [4,5,6]",
        "{\"name\": \"\"}                       | name  | \"\"",
        "{\"note\": 3}                          | note  | 3",
        "{\"note\": null}                       | note  | null",
        "{\"opt\": {}}                          | opt   | {\"beta\":0.9}",
    })
    void valuesOfTheRightTypeAreTaken(String overlay, String key, String merged) throws Exception {
        JsonNode result = merge(overlay).get(key);
        assertEquals(merged, result.toString());
    }
}
