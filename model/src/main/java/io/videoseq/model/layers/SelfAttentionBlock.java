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
 * Configuration of the reference model's attention block, {@code y = LayerNorm(x + drop(MHA(x, x, x)))}, where MHA
 * is PyTorch {@code nn.MultiheadAttention(E, numHeads, dropout=attentionDropProb, batch_first=True)} with
 * {@code key_padding_mask} = padded steps.
 * <p>Input and output {@code [batch, E, time]} (NCW), mask {@code [batch, time]} (1 = real, 0 = padded; passed
 * through unchanged): padded keys get zero attention weight, outputs (and gradients) at padded steps are 0.
 * <p>Dropout is given as DROP probabilities (PyTorch convention, NOT DL4J's keep probability):
 * {@code attentionDropProb} on the attention weights, {@code outputDropProb} on the MHA output before the residual;
 * both only in training (inverted scaling 1/(1-p), masks from Nd4j's global RNG).
 * <p>Params (DL4J orientation = PyTorch weight transposed): "Wqkv" {@code [E, 3E]} (= in_proj_weight<sup>T</sup>,
 * columns q|k|v), "bqkv" {@code [1, 3E]}, "Wo" {@code [E, E]} (= out_proj.weight<sup>T</sup>), "bo" {@code [1, E]},
 * "g"/"beta" {@code [1, E]} (LayerNorm weight/bias). Weights (kind WEIGHT): Wqkv, Wo (Xavier-uniform with fans
 * of the packed shape, as PyTorch); all others are kind BIAS (regularizationBias).
 */
public class SelfAttentionBlock extends SpecLayer {

    private int numHeads;
    private double attentionDropProb;
    private double outputDropProb;

    /** For JSON deserialization. */
    public SelfAttentionBlock() {
    }

    private SelfAttentionBlock(Builder b) {
        super(b);
        if (b.numHeads <= 0) {
            throw new IllegalArgumentException("SelfAttentionBlock numHeads must be >= 1, found " + b.numHeads);
        }
        checkDropProb("SelfAttentionBlock attentionDropProb", b.attentionDropProb);
        checkDropProb("SelfAttentionBlock outputDropProb", b.outputDropProb);
        this.numHeads = b.numHeads;
        this.attentionDropProb = b.attentionDropProb;
        this.outputDropProb = b.outputDropProb;
        if (nOut == 0) {
            nOut = nIn;
        }
        initializeConstraints(b);
    }

    public int getNumHeads() {
        return numHeads;
    }

    public void setNumHeads(int numHeads) {
        this.numHeads = numHeads;
    }

    public double getAttentionDropProb() {
        return attentionDropProb;
    }

    public void setAttentionDropProb(double attentionDropProb) {
        this.attentionDropProb = attentionDropProb;
    }

    public double getOutputDropProb() {
        return outputDropProb;
    }

    public void setOutputDropProb(double outputDropProb) {
        this.outputDropProb = outputDropProb;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        super.setNIn(inputType, override);
        nOut = nIn;
    }

    @Override
    protected void validate(int layerIndex) {
        super.validate(layerIndex);
        if (nIn != nOut || nIn % numHeads != 0) {
            throw new IllegalStateException(describe(layerIndex) + ": need nIn == nOut divisible by numHeads, found nIn="
                    + nIn + ", nOut=" + nOut + ", numHeads=" + numHeads);
        }
    }

    @Override
    public List<ParamSpec> paramSpecs() {
        long e = nIn;
        return List.of(ParamSpec.weight("Wqkv", e, 3 * e), ParamSpec.bias("bqkv", 3 * e),
                ParamSpec.weight("Wo", e, e), ParamSpec.bias("bo", e), ParamSpec.gain("g", e),
                ParamSpec.bias("beta", e));
    }

    @Override
    protected BaseLayer<?> createImpl(NeuralNetConfiguration conf, DataType dataType) {
        return new SelfAttentionBlockImpl(conf, dataType);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.recurrent(nIn, requireSequence(layerIndex, inputType).getTimeSeriesLength(), RNNFormat.NCW);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SelfAttentionBlock other && baseEquals(o) && numHeads == other.numHeads
                && Double.compare(attentionDropProb, other.attentionDropProb) == 0
                && Double.compare(outputDropProb, other.outputDropProb) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(baseHashCode(), numHeads, attentionDropProb, outputDropProb);
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof SelfAttentionBlock;
    }

    @Override
    public String toString() {
        return "SelfAttentionBlock(name=" + layerName + ", nIn=" + nIn + ", numHeads=" + numHeads
                + ", attentionDropProb=" + attentionDropProb + ", outputDropProb=" + outputDropProb
                + ", dropout=" + iDropout + ")";
    }

    /**
     * Builder: {@code new SelfAttentionBlock.Builder().nIn(E).numHeads(h).attentionDropProb(d).outputDropProb(d)}
     * (nOut is always nIn; nIn may come from setInputTypes).
     */
    public static class Builder extends FeedForwardLayer.Builder<Builder> {
        private int numHeads = 1;
        private double attentionDropProb;
        private double outputDropProb;

        public Builder() {
            this.activationFn = new ActivationIdentity();
            this.weightInitFn = new WeightInitXavierUniform();
        }

        public Builder numHeads(int numHeads) {
            this.numHeads = numHeads;
            return this;
        }

        /** Probability of DROPPING each attention weight in training (PyTorch MHA {@code dropout}); default 0. */
        public Builder attentionDropProb(double p) {
            this.attentionDropProb = p;
            return this;
        }

        /** Probability of DROPPING each MHA output value before the residual, in training; default 0. */
        public Builder outputDropProb(double p) {
            this.outputDropProb = p;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public SelfAttentionBlock build() {
            return new SelfAttentionBlock(this);
        }
    }
}
