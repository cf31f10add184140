package io.videoseq.core.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The Jackson mappers of videoseq, one per concern, so that a file format's settings are chosen once: every mapper
 * is thread-safe and shared; none may be reconfigured (the same file must read the same in every module).
 */
public final class JsonMappers {
    /** Jackson's defaults: trees, and records whose annotations say everything (their JSON already relies on it). */
    private static final ObjectMapper PLAIN = JsonMapper.builder().build();

    private static final ObjectMapper RECORDS = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private static final ObjectMapper DOCUMENTS = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private JsonMappers() {
    }

    /**
     * Jackson's defaults: JSON text into trees and back (attributes of feature files, checkpoint metadata read as a
     * tree, one-line outputs), and the small records read with their own annotations.
     */
    public static ObjectMapper plain() {
        return PLAIN;
    }

    /**
     * Configuration records in one-line JSON (the model configuration a checkpoint and a state dict carry): unknown
     * keys and {@code null} for a primitive are errors.
     */
    public static ObjectMapper records() {
        return RECORDS;
    }

    /**
     * videoseq's JSON files (results, checkpoint metadata, ensemble manifests): strict as {@link #records()},
     * written indented; an object without properties is written as {@code {}}.
     */
    public static ObjectMapper documents() {
        return DOCUMENTS;
    }
}
