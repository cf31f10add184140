package io.videoseq.video.extract;

import io.videoseq.core.json.JsonMappers;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.videoseq.video.BackboneIdentity;
import java.io.IOException;
import java.util.List;

/**
 * What {@code videoseq extract} writes as the feature file's {@code feature_extractor} attribute, and what
 * training copies into every checkpoint: the backbone (weights, layer, preprocessing) and the frame sampling.
 * {@code classify} compares it with the backbone it is given and samples frames the same way.
 *
 * @param format   {@value #FORMAT}
 * @param backbone the backbone's identity
 * @param sampling   max frames and speeds
 * @param classNames the classes by index (the video list's labels, sorted), so a model trained on these
 *                   features can name its predictions; null in a record made only to compare backbones
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExtractionRecord(@JsonProperty("format") String format,
                               @JsonProperty("backbone") BackboneIdentity backbone,
                               @JsonProperty("sampling") FrameSampling sampling,
                               @JsonProperty("class_names") @JsonInclude(JsonInclude.Include.NON_NULL)
                               List<String> classNames) {
    public static final String FORMAT = "videoseq-extract-1";
    private static final ObjectMapper JSON = JsonMappers.plain();

    public ExtractionRecord {
        if (!FORMAT.equals(format) || backbone == null || sampling == null) {
            throw new IllegalArgumentException("feature_extractor: expected format " + FORMAT
                    + " with backbone and sampling, found format " + format);
        }
        classNames = classNames == null ? null : List.copyOf(classNames);
    }

    public ExtractionRecord(BackboneIdentity backbone, FrameSampling sampling, List<String> classNames) {
        this(FORMAT, backbone, sampling, classNames);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException("an extraction record must serialize", e);
        }
    }

    /** Reads a record from its JSON (the attribute or the checkpoint's copy). */
    public static ExtractionRecord fromJson(JsonNode node) {
        try {
            return JSON.treeToValue(node, ExtractionRecord.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("feature_extractor: expected a " + FORMAT + " record, found "
                    + abbreviate(node.toString()) + " (" + e.getMessage().split("\n")[0] + ")", e);
        }
    }

    public static ExtractionRecord fromJson(String text) {
        try {
            return fromJson(JSON.readTree(text));
        } catch (IOException e) {
            throw new IllegalArgumentException("feature_extractor: expected JSON, found " + abbreviate(text), e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
