package io.videoseq.video.backbone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsLiteralTest {
    @Test
    void readsMinifiedLiterals() {
        Object v = JsLiteral.parse("x={a:!0,b:!1,'c':\"q\\\"\",d:[.5,-.25,1e-7,-3,null],e:void 0,f:{}}", 2, "t");
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) v;
        assertEquals(true, m.get("a"));
        assertEquals(false, m.get("b"));
        assertEquals("q\"", m.get("c"));
        assertEquals(List.of(0.5, -0.25, 1e-7, -3L), ((List<?>) m.get("d")).subList(0, 4));
        assertNull(((List<?>) m.get("d")).get(4));
        assertTrue(m.containsKey("e"));
        assertNull(m.get("e"));
        assertEquals(Map.of(), m.get("f"));
    }

    @Test
    void readsJson() {
        assertEquals(Map.of("k", List.of(1L, 2.5, "s", true)), JsLiteral.parse("{\"k\": [1, 2.5, \"s\", true]}", 0, "t"));
    }

    @Test
    void errorsNameTheSourceAndOffset() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JsLiteral.parse("{a:function(){}}", 0, "model.min.js"));
        assertTrue(e.getMessage().startsWith("model.min.js: offset 3: expected a literal value"), e.getMessage());
    }

    @Test
    void nestingIsBoundedSoDeepInputCannotOverflowTheStack() {
        String ok = "[".repeat(JsLiteral.MAX_DEPTH) + "]".repeat(JsLiteral.MAX_DEPTH);
        assertEquals(1, ((List<?>) JsLiteral.parse(ok, 0, "t")).size(), "64 levels are read");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JsLiteral.parse("{a:" + "[".repeat(100_000), 0, "deep.js"));
        assertTrue(e.getMessage().startsWith("deep.js: offset 66: expected objects and arrays nested at most 64 deep"),
                e.getMessage());
    }

    @Test
    void aKeyTwiceAndBadEscapesAreErrorsWithAnOffset() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JsLiteral.parse("{a:1,a:2}", 0, "t"));
        assertTrue(e.getMessage().startsWith("t: offset 5: expected each key once in an object"), e.getMessage());
        for (String bad : List.of("\"\\u1", "\"\\u12G4\"", "\"\\x\"", "\"\\u")) {
            e = assertThrows(IllegalArgumentException.class, () -> JsLiteral.parse(bad, 0, "t"), bad);
            assertTrue(e.getMessage().contains("hex digits in an escape"), e.getMessage());
        }
        assertEquals("\u00e9A", JsLiteral.parse("'\\u00e9\\x41'", 0, "t"));
    }
}
