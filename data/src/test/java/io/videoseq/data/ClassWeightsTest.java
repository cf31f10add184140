package io.videoseq.data;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class ClassWeightsTest {
    @Test
    void matchesReferenceGolden() {
        JsonNode cases = Resources.json("golden/class_weights.json");
        assertEquals(3, cases.size());
        for (JsonNode c : cases) {
            int[] labels = new int[c.get("labels").size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = c.get("labels").get(i).asInt();
            }
            double[] w = ClassWeights.compute(labels, c.get("num_classes").asInt());
            assertEquals(c.get("weights").size(), w.length);
            for (int k = 0; k < w.length; k++) {
                assertEquals(c.get("weights").get(k).asDouble(), w[k], 1e-12);
            }
        }
    }

    /** With allow_missing_classes a class may have no video: its weight must stay finite (the original's 1.0). */
    @Test
    void classWithoutVideosWeighsOneNotInfinity() {
        double[] w = ClassWeights.compute(new int[] {1, 1, 1, 1}, 3);
        assertArrayEquals(new double[] {1.0, ClassWeights.MIN, 1.0}, w);
        for (double v : ClassWeights.compute(new int[0], 2)) {
            assertTrue(Double.isFinite(v));
        }
    }

    @Test
    void rejectsLabelOutOfRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassWeights.compute(new int[] {0, 3}, 3));
        assertTrue(e.getMessage().contains("labels[1]"));
    }
}
