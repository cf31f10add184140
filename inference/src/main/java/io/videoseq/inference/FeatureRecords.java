package io.videoseq.inference;

import io.videoseq.core.json.JsonMappers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.videoseq.inference.manifest.EnsembleManifest;
import io.videoseq.model.io.ModelFileException;
import io.videoseq.model.io.ModelZip;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code feature_extractor} records (backbone, preprocessing, frame sampling) that training copied into a
 * model's checkpoint metadata: what a caller extracting features from video files must reproduce. A model zip
 * has one; a manifest one per member, checked against the members' SHA-256 first.
 */
public final class FeatureRecords {

    private static final ObjectMapper JSON = JsonMappers.plain();

    private FeatureRecords() {
    }

    /**
     * One entry per model (a zip: one; a manifest: its members in order): the record, or null for a model without
     * one (trained on features of the original pipeline or of synthetic data, imported from PyTorch, or older).
     */
    public static List<Member> of(Path modelOrManifest) throws IOException {
        List<Path> files;
        if (modelOrManifest.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            EnsembleManifest m = EnsembleManifest.read(modelOrManifest);
            m.verify(modelOrManifest);
            files = m.files(modelOrManifest);
        } else {
            files = List.of(modelOrManifest);
        }
        List<Member> out = new ArrayList<>();
        for (Path f : files) {
            out.add(new Member(f, record(f)));
        }
        return out;
    }

    /** A model file and its record (null when it has none). */
    public record Member(Path file, JsonNode featureExtractor) {
    }

    /**
     * The metadata's {@code feature_extractor}, read through {@link ModelZip} (bounded, checked). Only that key is
     * read, so metadata a newer videoseq extended with other keys still gives its record.
     */
    private static JsonNode record(Path zip) {
        byte[] json;
        try {
            json = ModelZip.readEntry(zip, ModelZip.METADATA_ENTRY);
        } catch (ModelFileException e) {
            if (e.reason() == ModelFileException.Reason.MISSING_ENTRY) {
                return null; // a plain DL4J zip (import-torch): no videoseq metadata at all
            }
            throw e;
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage().lines().findFirst().orElse("");
            throw new ModelFileException(zip, ModelZip.METADATA_ENTRY, ModelFileException.Reason.INVALID_CONTENT,
                    "videoseq checkpoint metadata JSON", ModelFileException.printable(m), e);
        }
        JsonNode record = root == null ? null : root.get("feature_extractor");
        return record == null || record.isNull() ? null : record;
    }
}
