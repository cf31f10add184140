package io.videoseq.model;

import io.videoseq.core.json.JsonMappers;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import java.util.List;

/**
 * Architecture of the temporal classifier (the reference's {@code TemporalModel} constructor arguments).
 *
 * <p>The network reads features {@code [batch, featureDim, time]} with a mask {@code [batch, time]} (1 = real
 * step, 0 = padding) and outputs class probabilities {@code [batch, numClasses]}. The LSTM output width is
 * {@link #lstmOutputDim()} = {@code hiddenDim × (bidirectional ? 2 : 1)}; attention runs on that width, pooling
 * uses {@code lstmOutputDim() / 2} hidden units, and the head has the three widths {@code headDims}.
 *
 * <p>Build one with {@link #builder()} or {@link #toBuilder()}: the combination is validated once, so settings
 * that constrain each other can be given in any order.
 *
 * <p>JSON uses snake_case keys ({@code feature_dim}, ...). Omitted keys take the production defaults
 * ({@link #defaults()}); unknown keys are rejected.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
@JsonPropertyOrder({"feature_dim", "hidden_dim", "num_classes", "num_lstm_layers", "num_attention_heads",
        "dropout", "bidirectional", "head_dims"})
public record ModelConfig(
        @JsonProperty("feature_dim") int featureDim,
        @JsonProperty("hidden_dim") int hiddenDim,
        @JsonProperty("num_classes") int numClasses,
        @JsonProperty("num_lstm_layers") int numLstmLayers,
        @JsonProperty("num_attention_heads") int numAttentionHeads,
        @JsonProperty("dropout") double dropout,
        @JsonProperty("bidirectional") boolean bidirectional,
        @JsonProperty("head_dims") List<Integer> headDims) {

    public static final int DEFAULT_FEATURE_DIM = 1280;
    public static final int DEFAULT_HIDDEN_DIM = 768;
    public static final int DEFAULT_NUM_CLASSES = 4;
    public static final int DEFAULT_NUM_LSTM_LAYERS = 4;
    public static final int DEFAULT_NUM_ATTENTION_HEADS = 12;
    public static final double DEFAULT_DROPOUT = 0.4;
    public static final boolean DEFAULT_BIDIRECTIONAL = true;
    public static final List<Integer> DEFAULT_HEAD_DIMS = List.of(768, 512, 256);

    private static final ObjectMapper MAPPER = JsonMappers.records();

    /** Validates every field; messages name the field, the value and the allowed range. */
    public ModelConfig {
        positive("feature_dim", featureDim);
        positive("hidden_dim", hiddenDim);
        if (numClasses < 2) {
            throw new IllegalArgumentException("num_classes = " + numClasses + " is invalid: allowed range [2, "
                    + Integer.MAX_VALUE + "] (a softmax over one class is constant)");
        }
        positive("num_lstm_layers", numLstmLayers);
        positive("num_attention_heads", numAttentionHeads);
        if (!(dropout >= 0.0 && dropout < 1.0)) {
            throw new IllegalArgumentException("dropout = " + dropout + " is invalid: allowed range [0, 1)");
        }
        if (headDims == null || headDims.size() != 3) {
            throw new IllegalArgumentException("head_dims = " + headDims
                    + " is invalid: exactly 3 positive widths are required, e.g. [768, 512, 256]");
        }
        for (int i = 0; i < 3; i++) {
            Integer w = headDims.get(i);
            if (w == null || w < 1) {
                throw new IllegalArgumentException("head_dims[" + i + "] = " + w + " is invalid: allowed range [1, "
                        + Integer.MAX_VALUE + "]");
            }
        }
        headDims = List.copyOf(headDims);
        long out = (long) hiddenDim * (bidirectional ? 2 : 1);
        if (out > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("hidden_dim = " + hiddenDim + " is too large: the LSTM output width "
                    + out + " must fit in an int");
        }
        // PyTorch's MultiheadAttention requires embed_dim % num_heads == 0, and embed_dim is the LSTM output width.
        if (out % numAttentionHeads != 0) {
            throw new IllegalArgumentException("num_attention_heads = " + numAttentionHeads + " is invalid for hidden_dim = "
                    + hiddenDim + (bidirectional ? " (bidirectional)" : " (unidirectional)")
                    + ": it must divide the attention width hidden_dim × " + (bidirectional ? 2 : 1) + " = " + out);
        }
        if (out / 2 < 1) {
            throw new IllegalArgumentException("hidden_dim = " + hiddenDim + " is invalid for a unidirectional model: "
                    + "allowed range [2, " + Integer.MAX_VALUE + "] (attention pooling uses hidden_dim / 2 units)");
        }
    }

    /** Jackson entry point: omitted keys (null) take the production defaults. */
    @JsonCreator
    static ModelConfig fromJsonFields(
            @JsonProperty("feature_dim") Integer featureDim,
            @JsonProperty("hidden_dim") Integer hiddenDim,
            @JsonProperty("num_classes") Integer numClasses,
            @JsonProperty("num_lstm_layers") Integer numLstmLayers,
            @JsonProperty("num_attention_heads") Integer numAttentionHeads,
            @JsonProperty("dropout") Double dropout,
            @JsonProperty("bidirectional") Boolean bidirectional,
            @JsonProperty("head_dims") List<Integer> headDims) {
        return new ModelConfig(
                featureDim != null ? featureDim : DEFAULT_FEATURE_DIM,
                hiddenDim != null ? hiddenDim : DEFAULT_HIDDEN_DIM,
                numClasses != null ? numClasses : DEFAULT_NUM_CLASSES,
                numLstmLayers != null ? numLstmLayers : DEFAULT_NUM_LSTM_LAYERS,
                numAttentionHeads != null ? numAttentionHeads : DEFAULT_NUM_ATTENTION_HEADS,
                dropout != null ? dropout : DEFAULT_DROPOUT,
                bidirectional != null ? bidirectional : DEFAULT_BIDIRECTIONAL,
                headDims != null ? headDims : DEFAULT_HEAD_DIMS);
    }

    /** The original pipeline's production configuration. */
    public static ModelConfig defaults() {
        return new ModelConfig(DEFAULT_FEATURE_DIM, DEFAULT_HIDDEN_DIM, DEFAULT_NUM_CLASSES, DEFAULT_NUM_LSTM_LAYERS,
                DEFAULT_NUM_ATTENTION_HEADS, DEFAULT_DROPOUT, DEFAULT_BIDIRECTIONAL, DEFAULT_HEAD_DIMS);
    }

    /** Width of the LSTM output, which attention and pooling operate on. */
    public int lstmOutputDim() {
        return hiddenDim * (bidirectional ? 2 : 1);
    }

    /** Hidden width of the attention pooling scorer (PyTorch {@code out // 2}). */
    public int poolingHiddenDim() {
        return lstmOutputDim() / 2;
    }

    /**
     * Parses a JSON object; omitted keys take the defaults.
     *
     * @throws IllegalArgumentException one line naming the unknown key, the malformed value or the invalid field
     */
    public static ModelConfig fromJson(String json) {
        try {
            return MAPPER.readValue(json, ModelConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException("model config: unknown key '" + e.getPropertyName()
                    + "'; allowed keys: " + e.getKnownPropertyIds());
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException("model config: malformed JSON: " + e.getOriginalMessage());
        }
    }

    /** Serializes with snake_case keys in declaration order. */
    public String toJson() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("model config could not be serialized", e);
        }
    }

    /** A builder starting from the production defaults; validation happens once, in {@code build()}. */
    public static ModelConfigBuilder builder() {
        return new ModelConfigBuilder(defaults());
    }

    /** A builder starting from this configuration. */
    public ModelConfigBuilder toBuilder() {
        return new ModelConfigBuilder(this);
    }

    private static void positive(String field, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(field + " = " + value + " is invalid: allowed range [1, "
                    + Integer.MAX_VALUE + "]");
        }
    }
}
