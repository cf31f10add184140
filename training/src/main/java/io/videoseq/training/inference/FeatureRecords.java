package io.videoseq.training.inference;

import com.fasterxml.jackson.databind.JsonNode;
import io.videoseq.model.io.ModelFileException;
import io.videoseq.training.checkpoint.CheckpointStore;
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

    private static JsonNode record(Path zip) {
        try {
            return CheckpointStore.readMetadata(zip).featureExtractor();
        } catch (ModelFileException e) {
            if (e.reason() == ModelFileException.Reason.MISSING_ENTRY) {
                return null; // a plain DL4J zip (import-torch): no videoseq metadata at all
            }
            throw e;
        }
    }
}
