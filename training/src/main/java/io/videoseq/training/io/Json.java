package io.videoseq.training.io;

import io.videoseq.core.json.JsonMappers;
import io.videoseq.data.io.AtomicFiles;
import com.fasterxml.jackson.databind.ObjectMapper;

/** This module's JSON files: {@link JsonMappers#documents()} (unknown keys are errors, output is indented). */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMappers.documents();

    private Json() {
    }

    /** The shared, thread-safe mapper. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Writes {@code value} as indented JSON to {@code file}, atomically ({@link AtomicFiles}). */
    public static void write(java.nio.file.Path file, Object value) {
        AtomicFiles.writeStream(file, out -> MAPPER.writeValue(out, value));
    }
}
