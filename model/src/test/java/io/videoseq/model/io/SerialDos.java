package io.videoseq.model.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.HashSet;
import java.util.Set;

/** A Java-serialization payload that never finishes deserializing; shared with the app's tests (test jar). */
public final class SerialDos {
    private SerialDos() {
    }

    /**
     * The "SerialDOS" payload: 100 levels of HashSets, two children each, shared. Serializing it is quick;
     * {@code readObject} hashes each set and so recomputes 2^100 hash codes: it never returns.
     */
    public static byte[] payload() throws IOException {
        Set<Object> root = new HashSet<>();
        Set<Object> s1 = root;
        Set<Object> s2 = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            Set<Object> t1 = new HashSet<>();
            Set<Object> t2 = new HashSet<>();
            t1.add("foo");
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(root);
        }
        return bytes.toByteArray();
    }
}
