package io.videoseq.model;

import java.util.List;

/**
 * Builds a {@link ModelConfig}, validating once in {@link #build()}: settings that constrain each other (e.g.
 * {@code hidden_dim} and {@code num_attention_heads}, which must divide its attention width) can be set in any
 * order. Starts from the production defaults ({@link ModelConfig#builder()}) or from a given configuration
 * ({@link ModelConfig#toBuilder()}).
 */
public final class ModelConfigBuilder {
    private int featureDim;
    private int hiddenDim;
    private int numClasses;
    private int numLstmLayers;
    private int numAttentionHeads;
    private double dropout;
    private boolean bidirectional;
    private List<Integer> headDims;

    ModelConfigBuilder(ModelConfig from) {
        featureDim = from.featureDim();
        hiddenDim = from.hiddenDim();
        numClasses = from.numClasses();
        numLstmLayers = from.numLstmLayers();
        numAttentionHeads = from.numAttentionHeads();
        dropout = from.dropout();
        bidirectional = from.bidirectional();
        headDims = from.headDims();
    }

    public ModelConfigBuilder featureDim(int v) {
        featureDim = v;
        return this;
    }

    public ModelConfigBuilder hiddenDim(int v) {
        hiddenDim = v;
        return this;
    }

    public ModelConfigBuilder numClasses(int v) {
        numClasses = v;
        return this;
    }

    public ModelConfigBuilder numLstmLayers(int v) {
        numLstmLayers = v;
        return this;
    }

    public ModelConfigBuilder numAttentionHeads(int v) {
        numAttentionHeads = v;
        return this;
    }

    public ModelConfigBuilder dropout(double v) {
        dropout = v;
        return this;
    }

    public ModelConfigBuilder bidirectional(boolean v) {
        bidirectional = v;
        return this;
    }

    /** The three head widths. */
    public ModelConfigBuilder headDims(int h1, int h2, int h3) {
        return headDims(List.of(h1, h2, h3));
    }

    /** The head widths; {@link #build()} requires exactly three positive ones. */
    public ModelConfigBuilder headDims(List<Integer> v) {
        headDims = v;
        return this;
    }

    /**
     * @throws IllegalArgumentException one line naming the invalid field, its value and the allowed range
     */
    public ModelConfig build() {
        return new ModelConfig(featureDim, hiddenDim, numClasses, numLstmLayers, numAttentionHeads, dropout,
                bidirectional, headDims);
    }
}
