package io.videoseq.inference.manifest;

import io.videoseq.core.json.JsonMappers;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The mapper manifests are read and written with: {@link JsonMappers#documents()} (unknown keys and nulls for
 * primitives are errors, output indented), training's {@code Json} as well, so a manifest written by either reads
 * the same.
 */
final class ManifestJson {

    static final ObjectMapper MAPPER = JsonMappers.documents();

    private ManifestJson() {
    }
}
