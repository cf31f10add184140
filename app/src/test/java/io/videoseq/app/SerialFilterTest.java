package io.videoseq.app;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line installs a JVM-wide filter that refuses Java deserialization of any class. */
class SerialFilterTest {

    @Test
    void afterCommandLineAHashSetIsNotDeserialized() throws Exception {
        Main.commandLine();
        assertNotNull(ObjectInputFilter.Config.getSerialFilter());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new HashSet<>(List.of("a", "b")));
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThrows(InvalidClassException.class, in::readObject);
        }
    }

    @Test
    void installingTwiceKeepsTheFirstFilter() {
        SerialFilter.install();
        ObjectInputFilter first = ObjectInputFilter.Config.getSerialFilter();
        SerialFilter.install();
        Main.commandLine();
        assertNotNull(first);
        assertSame(first, ObjectInputFilter.Config.getSerialFilter());
    }
}
