package io.videoseq.model;

/**
 * Vertex names of the graph built by {@link TemporalModelFactory}, in forward order. Every dropout is the
 * consuming layer's input dropout or internal to a custom layer, so there are no dropout vertices.
 */
public final class GraphNames {

    /** Graph input: features {@code [batch, featureDim, time]} with mask {@code [batch, time]}. */
    public static final String INPUT = "features";
    /** Linear(F→H) + LayerNorm + ReLU per time step. */
    public static final String INPUT_PROJECTION = "input_projection";
    /** Self-attention block: multi-head attention, dropout, residual add, LayerNorm. */
    public static final String ATTENTION = "attention";
    /** Attention pooling over the real time steps → {@code [batch, 2H]}. */
    public static final String POOLING = "attention_pooling";
    /** Softmax output layer (the last PyTorch Linear) → {@code [batch, numClasses]}. */
    public static final String OUTPUT = "output";

    private GraphNames() {
    }

    /** The k-th (0-based) LSTM layer; a {@code BiLstm} when the model is bidirectional. */
    public static String lstm(int k) {
        return "lstm_" + k;
    }

    /** The k-th (0-based) hidden layer of the classifier head: Linear + LayerNorm + ReLU. */
    public static String head(int k) {
        return "head_" + k;
    }
}
