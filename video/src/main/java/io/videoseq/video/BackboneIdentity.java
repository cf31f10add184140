package io.videoseq.video;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * What a set of features was computed with. Two identities {@link #sameFeatures agree} when the weights (SHA-256
 * of the model file(s)), the feature layer, the feature size and the preprocessing are equal; the file name is
 * only a reminder for people.
 *
 * @param format     {@code keras-h5} or {@code tfjs-layers}
 * @param file       the model's file name (no folder)
 * @param sha256     SHA-256 of the model file (tfjs: of the model file, then each weight shard's file name and
 *                   bytes, in manifest order)
 * @param layer      the layer whose output is the feature vector
 * @param featureDim values per frame
 */
public record BackboneIdentity(@JsonProperty("format") String format, @JsonProperty("file") String file,
                               @JsonProperty("sha256") String sha256, @JsonProperty("layer") String layer,
                               @JsonProperty("feature_dim") int featureDim,
                               @JsonProperty("preprocessing") Preprocessing preprocessing) {

    public BackboneIdentity {
        if (format == null || sha256 == null || layer == null || preprocessing == null || featureDim < 1) {
            throw new IllegalArgumentException("backbone identity: format, sha256, layer, feature_dim >= 1 and"
                    + " preprocessing are required");
        }
    }

    /** Whether features of {@code other} can be mixed with these. */
    public boolean sameFeatures(BackboneIdentity other) {
        return differences(other).isEmpty();
    }

    /** What differs, e.g. {@code ["weights sha256 ab12… vs 9f3e…", "layer flatten_1 vs out_relu"]}. */
    public List<String> differences(BackboneIdentity other) {
        List<String> d = new ArrayList<>();
        if (!sha256.equals(other.sha256)) {
            d.add("weights sha256 " + sha256.substring(0, Math.min(12, sha256.length())) + " vs "
                    + other.sha256.substring(0, Math.min(12, other.sha256.length())));
        }
        if (!layer.equals(other.layer)) {
            d.add("layer " + layer + " vs " + other.layer);
        }
        if (featureDim != other.featureDim) {
            d.add("feature_dim " + featureDim + " vs " + other.featureDim);
        }
        if (!preprocessing.equals(other.preprocessing)) {
            d.add("preprocessing " + preprocessing + " vs " + other.preprocessing);
        }
        return d;
    }

    /** One-line description: {@code model.min.js (tfjs-layers, sha256 ab12…) layer flatten_1, 1280-dim, 224x224 …}. */
    public String describe() {
        return file + " (" + format + ", sha256 " + sha256.substring(0, Math.min(12, sha256.length())) + "…) layer "
                + layer + ", " + featureDim + "-dim, " + preprocessing;
    }
}
