package io.videoseq.data;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class TtaViewTest {
    private static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asInt();
        }
        return out;
    }

    @Test
    void matchesReferenceGolden() {
        JsonNode cases = Resources.json("golden/tta_views.json");
        assertEquals(7, cases.size());
        for (JsonNode c : cases) {
            int t = c.get("length").asInt();
            assertArrayEquals(ints(c.get("None")), TtaView.ORIGINAL.frameIndices(t));
            assertArrayEquals(ints(c.get("reverse")), TtaView.REVERSE.frameIndices(t));
            assertArrayEquals(ints(c.get("speed_up")), TtaView.SPEED_UP.frameIndices(t), "speed_up " + t);
            assertArrayEquals(ints(c.get("speed_down")), TtaView.SPEED_DOWN.frameIndices(t), "speed_down " + t);
        }
    }

    /** Lengths 1..300 from torch (tools/make_tta_golden.py): pins float32 linspace rounding. */
    @Test
    void matchesTorchForLengthsUpTo300() {
        JsonNode cases = Resources.json("golden/tta_views_extended.json").get("cases");
        assertEquals(300, cases.size());
        for (JsonNode c : cases) {
            int t = c.get("length").asInt();
            assertArrayEquals(ints(c.get("reverse")), TtaView.REVERSE.frameIndices(t));
            assertArrayEquals(ints(c.get("speed_up")), TtaView.SPEED_UP.frameIndices(t), "speed_up " + t);
            assertArrayEquals(ints(c.get("speed_down")), TtaView.SPEED_DOWN.frameIndices(t), "speed_down " + t);
        }
    }

    @Test
    void applyGathersFrames() {
        float[] v = {0, 10, 1, 11, 2, 12};
        Sequence s = new Sequence(v, 3, 2, 1);
        Sequence r = TtaView.REVERSE.apply(s);
        assertArrayEquals(new float[] {2, 12, 1, 11, 0, 10}, r.values());
        assertEquals(1, r.label());
        assertArrayEquals(new float[] {0, 10, 1, 11, 2, 12}, s.values());
        assertEquals(TtaView.SPEED_DOWN, TtaView.fromId("speed_down"));
        assertThrows(IllegalArgumentException.class, () -> TtaView.fromId("fast"));
    }
}
