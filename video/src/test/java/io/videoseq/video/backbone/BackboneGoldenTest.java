package io.videoseq.video.backbone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.videoseq.video.Preprocessing;
import io.videoseq.video.RgbFrame;
import io.videoseq.video.Sha256;
import io.videoseq.video.TestAssets;
import io.videoseq.video.decode.VideoDecoder;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pins the Java backbone (tfjs layers format read in Java, DL4J Keras import) to TensorFlow.js 4.22.0, nsfwjs's own
 * runtime, on real frames: golden features of layer flatten_1 for Java-decoded and Java-preprocessed frames
 * ({@code backbone_golden.json}, made by tools/video/make-backbone-golden.sh). The decoded RGB bytes and the
 * preprocessed input are pinned by SHA-256 first, so a decoder or resize change is reported as such and the
 * feature comparison isolates the backbone.
 *
 * <p>With {@code -Dvideoseq.golden.dump=DIR} it writes the inputs for the tfjs script instead of comparing.
 */
class BackboneGoldenTest {
    /** The bound on |Java - tfjs| per feature value. */
    static final double TOLERANCE = 5e-4;

    /** The frames pinned: video, decoded index. Different codecs, sizes, chroma layouts. */
    static final Object[][] CASES = {
        {"realshort.mp4", 0}, {"realshort.mp4", 20}, {"cockatoo.mp4", 100}, {"balle1-vp9.avi", 50},
    };

    static KerasBackbone backbone;

    @BeforeAll
    static void load() {
        backbone = KerasBackbone.load(TestAssets.backbone(), TestAssets.LAYER, TestAssets.preprocessing());
    }

    static float[] input(RgbFrame frame, Preprocessing p) {
        float[] x = new float[p.valuesPerFrame()];
        p.apply(frame, x, 0);
        return x;
    }

    static byte[] bytes(float[] x) {
        ByteBuffer b = ByteBuffer.allocate(4 * x.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(x);
        return b.array();
    }

    @Test
    void featuresMatchTensorFlowJs() throws Exception {
        Preprocessing p = backbone.identity().preprocessing();
        String dump = System.getProperty("videoseq.golden.dump");
        if (dump != null && !dump.isBlank()) {
            dumpInputs(Path.of(dump), p);
            return;
        }
        JsonNode golden;
        try (InputStream in = getClass().getResourceAsStream("backbone_golden.json")) {
            golden = new ObjectMapper().readTree(in);
        }
        assertEquals(backbone.identity().sha256(), golden.get("backbone").get("sha256").asText(),
                "the fetched backbone is not the one the golden was made with");
        assertEquals(CASES.length, golden.get("cases").size());
        for (JsonNode c : golden.get("cases")) {
            String video = c.get("video").asText();
            int index = c.get("frame").asInt();
            RgbFrame frame = VideoDecoder.frames(TestAssets.video(video), new int[] {index}).get(0);
            assertEquals(c.get("decoded_rgb_sha256").asText(), Sha256.of(frame.rgb()),
                    video + " frame " + index + ": the decoder's RGB output changed (FFmpeg/JavaCV version?)");
            float[] x = input(frame, p);
            assertEquals(c.get("input_sha256").asText(), Sha256.of(bytes(x)),
                    video + " frame " + index + ": the preprocessed input changed (resize/scaling)");
            float[] f = backbone.featuresOfInputs(x, 1)[0];
            JsonNode expected = c.get("features");
            assertEquals(expected.size(), f.length);
            double worst = 0;
            double dot = 0;
            double na = 0;
            double nb = 0;
            for (int k = 0; k < f.length; k++) {
                double e = expected.get(k).asDouble();
                worst = Math.max(worst, Math.abs(e - f[k]));
                dot += e * f[k];
                na += e * e;
                nb += (double) f[k] * f[k];
            }
            double cosine = dot / Math.sqrt(na * nb);
            System.out.printf("%s frame %d: max |java - tfjs| = %.3g, cosine %.7f%n", video, index, worst, cosine);
            assertTrue(worst <= TOLERANCE, video + " frame " + index + ": max |java - tfjs| = " + worst + " > "
                    + TOLERANCE);
        }
    }

    private void dumpInputs(Path dir, Preprocessing p) throws Exception {
        Files.createDirectories(dir);
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("layer", TestAssets.LAYER);
        root.put("width", p.width());
        root.put("height", p.height());
        root.set("preprocessing", json.valueToTree(p));
        root.set("backbone", json.valueToTree(backbone.identity()));
        ArrayNode cases = root.putArray("cases");
        List<String> written = new ArrayList<>();
        for (Object[] c : CASES) {
            String video = (String) c[0];
            int index = (Integer) c[1];
            RgbFrame frame = VideoDecoder.frames(TestAssets.video(video), new int[] {index}).get(0);
            float[] x = input(frame, p);
            String raw = video.replace('.', '_') + "_" + index + ".raw";
            Files.write(dir.resolve(raw), bytes(x));
            ObjectNode n = cases.addObject();
            n.put("video", video);
            n.put("frame", index);
            n.put("decoded_width", frame.width());
            n.put("decoded_height", frame.height());
            n.put("decoded_rgb_sha256", Sha256.of(frame.rgb()));
            n.put("input_sha256", Sha256.of(bytes(x)));
            n.put("raw", raw);
            written.add(raw);
        }
        Files.writeString(dir.resolve("inputs.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        System.out.println("golden inputs written to " + dir + ": " + written);
    }
}
