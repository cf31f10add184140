package io.videoseq.data;

import io.videoseq.data.FeatureFileException.Reason;
import static io.videoseq.data.Refusals.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Root attributes damaged byte by byte in a file the project wrote: each must be refused with one line naming the
 * file and the attribute, never a null pointer (exit 1) or a silently garbled value.
 */
class CorruptAttributeTest {
    private static final String MAPPING = "attribute category_mapping";

    @TempDir
    Path dir;

    private Path file;
    private FileBytes bytes;

    private FileBytes valid() {
        file = new TestLayout().write(dir.resolve("f.h5"));
        bytes = FileBytes.of(file);
        return bytes;
    }

    /**
     * The stored value of {@code category_mapping}, a variable-length string: its length, the address of its
     * global heap collection ("GCOL") and its object index there, 16 bytes.
     */
    private int mappingReference() {
        int value = bytes.attribute("category_mapping").value();
        assertEquals(new TestLayout().mapping.length(), bytes.int32(value), "string length");
        assertEquals(bytes.find("GCOL"), bytes.int64(value + 4), "heap collection address");
        return value;
    }

    @Test
    void nilStringReferenceIsRefusedNotANullPointer() {
        valid().put(mappingReference(), new byte[16]).write();
        refused(Reason.INVALID_ATTRIBUTE, file, MAPPING, -1, "null string reference", "corrupt");
    }

    @Test
    void danglingHeapObjectIndexIsRefused() {
        valid().put(mappingReference() + 12, FileBytes.le32(7)).write();
        refused(Reason.INVALID_ATTRIBUTE, file, MAPPING, -1, "cannot", "corrupt");
    }

    @Test
    void stringThatIsNotUtf8IsRefusedNotDecodedToReplacementCharacters() {
        int text = valid().find(new TestLayout().mapping.getBytes(StandardCharsets.UTF_8));
        bytes.put(text + 2, (byte) 0xFF).write(); // the class name "a"
        refused(Reason.INVALID_ATTRIBUTE, file, MAPPING, -1, "not valid UTF-8");
    }

    @Test
    void undecodableDatatypeIsCorruptNotMissing() {
        int datatype = valid().attribute("category_mapping").datatype();
        assertEquals(0x19, bytes.byteAt(datatype), "datatype message version 1, class 9 (variable-length)");
        bytes.put(datatype, (byte) 0x1F).write();
        refused(Reason.INVALID_ATTRIBUTE, file, MAPPING, -1, "cannot decode", "corrupt");
    }

    @Test
    void boolOtherThanZeroOrOneIsRefusedNotTrue() {
        int value = valid().attribute("multi_scale").value();
        assertEquals(0, bytes.byteAt(value), "multi_scale = FALSE");
        bytes.put(value, (byte) 0x37).write();
        refused(Reason.INVALID_ATTRIBUTE, file, "attribute multi_scale", -1, "FALSE = 0 or TRUE = 1",
                "found 55");
    }
}
