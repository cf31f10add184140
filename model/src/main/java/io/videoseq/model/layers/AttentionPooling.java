package io.videoseq.model.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.weights.WeightInitXavierUniform;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.List;
import java.util.Objects;

/**
 * Configuration of the reference model's attention pooling: per step
 * {@code s_t = W2ᵀ·drop(tanh(LayerNorm(x_t·W1 + b1))) + b2}, weights {@code softmax_t(s)} over the REAL steps
 * only, output {@code Σ_t w_t x_t}.
 * <p>Input {@code [batch, E, time]} (NCW) with mask {@code [batch, time]} (1 = real, 0 = padded; null = all
 * real); output feed-forward {@code [batch, E]}; no mask is propagated further (time is reduced).
 * <p>{@code dropProb} is a DROP probability (PyTorch convention) applied to the tanh output in training only.
 * <p>Params: "W1" {@code [E, H]}, "b1" {@code [1, H]}, "g"/"beta" {@code [1, H]} (LayerNorm), "W2" {@code [H, 1]},
 * "b2" {@code [1, 1]}; H = {@code hiddenSize} (default E/2). W1, W2 are kind WEIGHT (Xavier-uniform); b1, g, beta,
 * b2 are kind BIAS (regularizationBias).
 */
public class AttentionPooling extends SpecLayer {

    private int hiddenSize;
    private double dropProb;

    /** For JSON deserialization. */
    public AttentionPooling() {
    }

    private AttentionPooling(Builder b) {
        super(b);
        if (b.hiddenSize < 0) {
            throw new IllegalArgumentException("AttentionPooling hiddenSize must be >= 1 (or 0 for nIn/2), found "
                    + b.hiddenSize);
        }
        checkDropProb("AttentionPooling dropProb", b.dropProb);
        this.hiddenSize = b.hiddenSize;
        this.dropProb = b.dropProb;
        resolveSizes();
        initializeConstraints(b);
    }

    private void resolveSizes() {
        nOut = nIn;
        if (hiddenSize == 0 && nIn > 0) {
            hiddenSize = (int) Math.max(1, nIn / 2);
        }
    }

    public int getHiddenSize() {
        return hiddenSize;
    }

    public void setHiddenSize(int hiddenSize) {
        this.hiddenSize = hiddenSize;
    }

    public double getDropProb() {
        return dropProb;
    }

    public void setDropProb(double dropProb) {
        this.dropProb = dropProb;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        super.setNIn(inputType, override);
        resolveSizes();
    }

    @Override
    protected void validate(int layerIndex) {
        super.validate(layerIndex);
        if (hiddenSize <= 0 || nIn != nOut) {
            throw new IllegalStateException(describe(layerIndex) + ": need hiddenSize >= 1 and nOut == nIn, found "
                    + "hiddenSize=" + hiddenSize + ", nIn=" + nIn + ", nOut=" + nOut);
        }
    }

    @Override
    public List<ParamSpec> paramSpecs() {
        long h = hiddenSize;
        return List.of(ParamSpec.weight("W1", nIn, h), ParamSpec.bias("b1", h), ParamSpec.gain("g", h),
                ParamSpec.bias("beta", h), ParamSpec.weight("W2", h, 1), ParamSpec.bias("b2", 1));
    }

    @Override
    protected BaseLayer<?> createImpl(NeuralNetConfiguration conf, DataType dataType) {
        return new AttentionPoolingImpl(conf, dataType);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        requireSequence(layerIndex, inputType);
        return InputType.feedForward(nIn);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttentionPooling other && baseEquals(o) && hiddenSize == other.hiddenSize
                && Double.compare(dropProb, other.dropProb) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(baseHashCode(), hiddenSize, dropProb);
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof AttentionPooling;
    }

    @Override
    public String toString() {
        return "AttentionPooling(name=" + layerName + ", nIn=" + nIn + ", hiddenSize=" + hiddenSize
                + ", dropProb=" + dropProb + ", dropout=" + iDropout + ")";
    }

    /** Builder: {@code new AttentionPooling.Builder().nIn(E).hiddenSize(E / 2).dropProb(0.5 * d)}. */
    public static class Builder extends FeedForwardLayer.Builder<Builder> {
        private int hiddenSize;
        private double dropProb;

        public Builder() {
            this.activationFn = new ActivationIdentity();
            this.weightInitFn = new WeightInitXavierUniform();
        }

        /** Width H of the scoring MLP (default 0 = nIn/2). */
        public Builder hiddenSize(int hiddenSize) {
            this.hiddenSize = hiddenSize;
            return this;
        }

        /** Probability of DROPPING each tanh activation of the scoring MLP in training; default 0. */
        public Builder dropProb(double p) {
            this.dropProb = p;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public AttentionPooling build() {
            return new AttentionPooling(this);
        }
    }
}
