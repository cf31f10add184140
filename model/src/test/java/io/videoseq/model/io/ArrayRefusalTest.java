package io.videoseq.model.io;

import io.videoseq.model.io.ModelFileException.Reason;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import static io.videoseq.model.io.RefusalSupport.refused;
import static io.videoseq.model.io.RefusalSupport.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * coefficients.bin and updaterState.bin: bounded by the configuration in the central directory, their headers
 * checked before {@code Nd4j.read} allocates, their bytes limited to the declared size. Offsets below are those of
 * a rank-1 FLOAT header (113 bytes): info length at 18, shape at 40, stride at 48, value count at 98.
 */
class ArrayRefusalTest {
    private static final long BOMB_ZEROS = 2L << 30;
    /** coefficients.bin followed by 2 GiB of zeros, deflated (9 MB); built once, streaming. */
    private static CraftedZip.Entry bomb;

    @TempDir
    Path dir;

    @BeforeAll
    static void deflateTheBomb() throws Exception {
        byte[] coefficients = valid().get("coefficients.bin");
        Deflater d = new Deflater(Deflater.BEST_SPEED, true);
        CRC32 crc = new CRC32();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        d.setInput(coefficients);
        crc.update(coefficients);
        byte[] zeros = new byte[1 << 20];
        for (long left = BOMB_ZEROS; left > 0; left -= zeros.length) {
            while (!d.needsInput()) {
                out.write(buf, 0, d.deflate(buf));
            }
            d.setInput(zeros);
            crc.update(zeros);
        }
        d.finish();
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        bomb = new CraftedZip.Entry("coefficients.bin", CraftedZip.DEFLATED, out.toByteArray(),
                coefficients.length + BOMB_ZEROS, crc.getValue());
    }

    private Path with(String name, byte[] bytes) throws Exception {
        Map<String, byte[]> e = valid();
        e.put(name, bytes);
        return write(ModelZipFixtures.craft(e));
    }

    private Path write(CraftedZip zip) throws Exception {
        return zip.write(Files.createTempFile(dir, "m", ".zip"));
    }

    private static byte[] coefficients(int offset, long value) throws Exception {
        byte[] b = valid().get("coefficients.bin").clone();
        ByteBuffer.wrap(b).putLong(offset, value);
        return b;
    }

    private Path withBomb(CraftedZip.Entry coefficients) throws Exception {
        CraftedZip zip = new CraftedZip();
        valid().forEach((n, b) -> zip.add(n.equals("coefficients.bin") ? coefficients : CraftedZip.deflated(n, b)));
        return write(zip);
    }

    @Test
    void aZipBombDeclaringItsRealSizeIsRefusedFromTheCentralDirectory() throws Exception {
        Path file = withBomb(bomb);
        ModelFileException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> refused(file, Reason.TOO_LARGE, "coefficients.bin"));
        assertTrue(e.getMessage().contains("for the 1247 FLOAT parameters of configuration.json"), e.getMessage());
    }

    @Test
    void aZipBombDeclaringASmallSizeIsStoppedAtThatSize() throws Exception {
        // The central directory declares exactly the valid entry; the deflated stream goes on for 2 GiB.
        Path file = withBomb(new CraftedZip.Entry(bomb.name(), bomb.method(), bomb.payload(),
                valid().get("coefficients.bin").length, CraftedZip.crc(valid().get("coefficients.bin"))));
        ModelFileException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> refused(file, Reason.TOO_LARGE, "coefficients.bin"));
        assertTrue(e.getMessage().contains("zip bomb"), e.getMessage());
    }

    @Test
    void aHeaderDeclaringATrillionValuesIsRefusedBeforeAllocating() throws Exception {
        long trillion = 1_000_000_000_000L;
        byte[] b = coefficients(98, trillion);
        ByteBuffer.wrap(b).putLong(40, trillion).putLong(48, 1);
        ModelFileException e = refused(with("coefficients.bin", b), Reason.INVALID_CONTENT, "coefficients.bin");
        assertTrue(e.getMessage().endsWith("expected 1247 values (the parameter count of configuration.json);"
                + " found 1000000000000 values declared in its array header"), e.getMessage());
        refused(with("coefficients.bin", coefficients(18, trillion)), Reason.INVALID_CONTENT, "coefficients.bin");
    }

    @Test
    void headersNd4jWouldNotWriteAreRefused() throws Exception {
        byte[] heap = valid().get("coefficients.bin").clone();
        System.arraycopy("HEAP_MIXED_TYPES".getBytes(), 0, heap, 2, 16);
        assertTrue(refused(with("coefficients.bin", heap), Reason.INVALID_CONTENT, "coefficients.bin")
                .getMessage().contains("allocation mode"));
        byte[] longName = valid().get("coefficients.bin").clone();
        ByteBuffer.wrap(longName).putShort(0, (short) 60000);
        refused(with("coefficients.bin", longName), Reason.INVALID_CONTENT, "coefficients.bin");
        refused(with("coefficients.bin", coefficients(48, 2)), Reason.INVALID_CONTENT, "coefficients.bin");
        refused(with("coefficients.bin", Arrays.copyOf(valid().get("coefficients.bin"), 40)), Reason.CORRUPT,
                "coefficients.bin");
    }

    @Test
    void sizesThatDoNotMatchTheHeaderAreRefused() throws Exception {
        byte[] b = valid().get("coefficients.bin");
        assertEquals(113 + 1247 * 4, b.length);
        refused(with("coefficients.bin", Arrays.copyOf(b, b.length + 10)), Reason.INVALID_CONTENT, "coefficients.bin");
        refused(with("coefficients.bin", Arrays.copyOf(b, b.length - 10)), Reason.INVALID_CONTENT, "coefficients.bin");
        refused(with("coefficients.bin", Arrays.copyOf(b, b.length + 5000)), Reason.TOO_LARGE, "coefficients.bin");
    }

    @Test
    void arraysOfAnotherDataTypeAreRefused() throws Exception {
        Map<String, byte[]> doubles = ModelZipFixtures.entries(ModelZipFixtures.trainedTiny(DataType.DOUBLE, 1), true);
        // 1247 doubles do not fit the bound for 1247 floats.
        refused(with("coefficients.bin", doubles.get("coefficients.bin")), Reason.TOO_LARGE, "coefficients.bin");
        byte[] half = valid().get("coefficients.bin").clone();
        half[106 + 2 + 4] = 'X';
        refused(with("coefficients.bin", half), Reason.INVALID_CONTENT, "coefficients.bin");
    }

    @Test
    void theUpdaterStateMustMatchTheConfiguredUpdaters() throws Exception {
        Map<String, byte[]> none = valid();
        none.remove("updaterState.bin");
        Path noState = write(ModelZipFixtures.craft(none));
        refused(noState, Reason.MISSING_ENTRY, "updaterState.bin");
        assertEquals(1247, ModelZip.load(noState, false).numParams(), "inference needs no updater state");

        Path wrong = with("updaterState.bin", valid().get("coefficients.bin"));
        assertTrue(refused(wrong, Reason.INVALID_CONTENT, "updaterState.bin").getMessage()
                .contains("2494 values (the state size of the configured updaters)"));
        assertEquals(1247, ModelZip.load(wrong, false).numParams(), "not read without the updater");

        Path huge = with("updaterState.bin", new byte[1247 * 4 * 3 + 4097]);
        refused(huge, Reason.TOO_LARGE, "updaterState.bin", false);
    }

    @Test
    void aNoParamsMarkerBesideParametersIsRefused() throws Exception {
        refused(with("noParams.marker", new byte[0]), Reason.INVALID_CONTENT, "noParams.marker");
    }
}
