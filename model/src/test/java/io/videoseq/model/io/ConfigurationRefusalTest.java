package io.videoseq.model.io;

import io.videoseq.model.io.ModelFileException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.videoseq.model.io.RefusalSupport.metadataRefused;
import static io.videoseq.model.io.RefusalSupport.refused;
import static io.videoseq.model.io.RefusalSupport.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** configuration.json is type-checked, bounded and validated before DL4J builds anything from it. */
class ConfigurationRefusalTest {
    private static final Pattern FIRST_CLASS = Pattern.compile("\"@class\"\\s*:\\s*\"[^\"]*\"");

    @TempDir
    Path dir;

    private static String config() throws Exception {
        return new String(valid().get("configuration.json"), StandardCharsets.UTF_8);
    }

    private Path withConfig(byte[] json) throws Exception {
        Map<String, byte[]> e = valid();
        e.put("configuration.json", json);
        return ModelZipFixtures.craft(e).write(Files.createTempFile(dir, "m", ".zip"));
    }

    private Path withConfig(String json) throws Exception {
        return withConfig(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The configuration with {@code field} (a JSON member) added first at the root. */
    private static String withRootField(String field) throws Exception {
        String json = config();
        assertTrue(json.startsWith("{"));
        return "{" + field + "," + json.substring(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"java.lang.ProcessBuilder", "javax.script.ScriptEngineManager",
        "org.deeplearning4j.nn.conf.layers.DenseLayer<java.lang.Thread>", "org.nd4j.shade.jackson.databind.node.POJONode",
        "[Lorg.nd4j.linalg.activations.impl.ActivationReLU;", "org.deeplearning4jx.Evil", "io.videoseqx.Evil",
        ".ActivationReLU", "org.nd4j.linalg.activations.impl.ActivationReLU\n"})
    void aClassOutsideTheAllowedPackagesIsRefusedNamingThePathAndTheClass(String id) throws Exception {
        Matcher m = FIRST_CLASS.matcher(config());
        assertTrue(m.find());
        String json = m.replaceFirst(Matcher.quoteReplacement("\"@class\" : \"" + id.replace("\n", "\\n") + "\""));
        Path file = withConfig(json);
        ModelFileException e = refused(file, Reason.FORBIDDEN_TYPE, "configuration.json");
        assertTrue(e.getMessage().contains("found \"" + ModelFileException.printable(id) + "\" at /"), e.getMessage());
        assertTrue(e.getMessage().contains("org.deeplearning4j., org.nd4j., io.videoseq."), e.getMessage());
        metadataRefused(file, Reason.FORBIDDEN_TYPE, "configuration.json");
    }

    @Test
    void theMessageGivesTheJsonPathOfTheTypeId() throws Exception {
        Path file = withConfig(withRootField("\"x\": {\"list\": [{\"@class\": \"java.lang.Runtime\"}]}"));
        assertTrue(refused(file, Reason.FORBIDDEN_TYPE, "configuration.json").getMessage()
                .endsWith("found \"java.lang.Runtime\" at /x/list/0/@class"));
    }

    @Test
    void distributionTypeIdsAreCheckedAndPlainTypeWordsPass() throws Exception {
        refused(withConfig(withRootField("\"x\": {\"type\": \"javax.naming.InitialContext\"}")),
                Reason.FORBIDDEN_TYPE, "configuration.json");
        assertEquals(1247, ModelZip.load(withConfig(withRootField("\"x\": {\"type\": \"RNN\"}")), true).numParams());
    }

    @Test
    void aNonStringOrDuplicatedClassPropertyIsRefused() throws Exception {
        refused(withConfig(withRootField("\"x\": {\"@class\": {\"a\": 1}}")), Reason.FORBIDDEN_TYPE,
                "configuration.json");
        // Jackson's type deserializer would use the first @class, a JSON tree the last: duplicates are refused.
        ModelFileException e = refused(withConfig(withRootField(
                "\"x\": {\"@class\": \"org.nd4j.linalg.activations.impl.ActivationReLU\", \"@class\": \"java.lang.Runtime\"}")),
                Reason.INVALID_CONTENT, "configuration.json");
        assertTrue(e.getMessage().contains("Duplicate"), e.getMessage());
    }

    @Test
    void deepTrailingMalformedAndNonUtf8JsonIsRefused() throws Exception {
        String deep = "[".repeat(Limits.MAX_JSON_DEPTH + 1) + "]".repeat(Limits.MAX_JSON_DEPTH + 1);
        assertTrue(refused(withConfig(withRootField("\"x\": " + deep)), Reason.INVALID_CONTENT, "configuration.json")
                .getMessage().contains("nested at most"));
        refused(withConfig(config() + "\n{}"), Reason.INVALID_CONTENT, "configuration.json");
        refused(withConfig("{\"vertices\": "), Reason.INVALID_CONTENT, "configuration.json");
        byte[] latin1 = Arrays.copyOf(valid().get("configuration.json"), valid().get("configuration.json").length + 3);
        System.arraycopy(new byte[] {' ', (byte) 0xff, ' '}, 0, latin1, latin1.length - 3, 3);
        refused(withConfig(latin1), Reason.INVALID_CONTENT, "configuration.json");
    }

    @Test
    void jsonThatIsNoGraphConfigurationIsRefused() throws Exception {
        for (String json : new String[] {"{}", "[]", "\"text\"", "{\"vertices\": {}}"}) {
            refused(withConfig(json), Reason.INVALID_CONTENT, "configuration.json");
        }
    }

    @Test
    void layerWidthsAndParameterCountsBeyondTheBoundsAreRefused() throws Exception {
        String wide = config().replaceFirst("\"nout\" : 4", "\"nout\" : 1099511627776");
        assertFalse(wide.equals(config()));
        assertTrue(refused(withConfig(wide), Reason.INVALID_CONTENT, "configuration.json").getMessage()
                .contains("nIn and nOut in [0, 16777216]"));
        // Widths within the bound whose product needs more bytes than a model file may have.
        String huge = config().replaceFirst("\"nin\" : 5", "\"nin\" : 16777216")
                .replaceFirst("\"nout\" : 4", "\"nout\" : 16777216");
        refused(withConfig(huge), Reason.TOO_LARGE, "configuration.json");
    }

    @Test
    void aConfigurationLongerThanDeclaredIsStoppedAtTheDeclaredSize() throws Exception {
        byte[] json = valid().get("configuration.json");
        ByteArrayOutputStream longer = new ByteArrayOutputStream();
        longer.writeBytes(json);
        longer.writeBytes(" ".repeat(10 << 20).getBytes(StandardCharsets.US_ASCII));
        CraftedZip.Entry real = CraftedZip.deflated("configuration.json", longer.toByteArray());
        CraftedZip zip = new CraftedZip();
        zip.add(new CraftedZip.Entry(real.name(), real.method(), real.payload(), json.length, CraftedZip.crc(json)));
        valid().forEach((n, b) -> {
            if (!n.equals("configuration.json")) {
                zip.add(CraftedZip.deflated(n, b));
            }
        });
        assertTrue(refused(zip.write(dir.resolve("bomb.zip")), Reason.TOO_LARGE, "configuration.json")
                .getMessage().contains("zip bomb"));
    }
}
