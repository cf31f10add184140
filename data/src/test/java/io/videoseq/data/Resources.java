package io.videoseq.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Test resources: JSON golden files and copies of the h5py-written fixtures. */
final class Resources {
    private Resources() {
    }

    static JsonNode json(String name) {
        try (InputStream in = Resources.class.getResourceAsStream("/" + name)) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path copy(String name, Path dir) {
        try (InputStream in = Resources.class.getResourceAsStream("/" + name)) {
            Path out = dir.resolve(Path.of(name).getFileName().toString());
            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
