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
 * Configuration of {@code y = act(LayerNorm(x·W + b))} (PyTorch {@code Linear} → optional {@code LayerNorm} →
 * activation), applied per time step.
 * <p>Input {@code [batch, nIn]} gives output {@code [batch, nOut]}; input {@code [batch, nIn, time]} (NCW) gives
 * {@code [batch, nOut, time]}. A mask {@code [batch, time]} (1 = real step, 0 = padding) is passed through
 * unchanged; outputs and gradients at padded steps are 0. {@code dropOut(keepProb)} applies standard DL4J
 * inverted dropout to the layer input in training.
 * <p>Params: "W" {@code [nIn, nOut]} (weight, Xavier-uniform), "b" {@code [1, nOut]} (bias, 0); with layer norm
 * also "g" {@code [1, nOut]} (gain, 1) and "beta" {@code [1, nOut]} (shift, 0) — both of kind BIAS (regularized
 * by {@code regularizationBias}/{@code weightDecayBias}). LayerNorm: eps 1e-5, biased variance.
 * <p>Defaults set by the builder (so the global configuration does not override them): identity activation,
 * Xavier-uniform weight init.
 */
public class LinearNorm extends SpecLayer {

    private boolean layerNorm;

    /** For JSON deserialization. */
    public LinearNorm() {
    }

    private LinearNorm(Builder b) {
        super(b);
        this.layerNorm = b.layerNorm;
        initializeConstraints(b);
    }

    public boolean isLayerNorm() {
        return layerNorm;
    }

    public void setLayerNorm(boolean layerNorm) {
        this.layerNorm = layerNorm;
    }

    @Override
    public List<ParamSpec> paramSpecs() {
        if (!layerNorm) {
            return List.of(ParamSpec.weight("W", nIn, nOut), ParamSpec.bias("b", nOut));
        }
        return List.of(ParamSpec.weight("W", nIn, nOut), ParamSpec.bias("b", nOut), ParamSpec.gain("g", nOut),
                ParamSpec.bias("beta", nOut));
    }

    @Override
    protected BaseLayer<?> createImpl(NeuralNetConfiguration conf, DataType dataType) {
        return new LinearNormImpl(conf, dataType);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (inputType != null && inputType.getType() == InputType.Type.FF) {
            return InputType.feedForward(nOut);
        }
        return InputType.recurrent(nOut, requireSequence(layerIndex, inputType).getTimeSeriesLength(), RNNFormat.NCW);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinearNorm other && baseEquals(o) && layerNorm == other.layerNorm;
    }

    @Override
    public int hashCode() {
        return Objects.hash(baseHashCode(), layerNorm);
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof LinearNorm;
    }

    @Override
    public String toString() {
        return "LinearNorm(name=" + layerName + ", nIn=" + nIn + ", nOut=" + nOut + ", layerNorm=" + layerNorm
                + ", activation=" + activationFn + ", dropout=" + iDropout + ")";
    }

    /** Builder: {@code new LinearNorm.Builder().nIn(F).nOut(H).layerNorm(true).activation(Activation.RELU)}. */
    public static class Builder extends FeedForwardLayer.Builder<Builder> {
        private boolean layerNorm;

        public Builder() {
            this.activationFn = new ActivationIdentity();
            this.weightInitFn = new WeightInitXavierUniform();
        }

        /** Whether a PyTorch LayerNorm (gain "g", shift "beta") follows the linear map (default false). */
        public Builder layerNorm(boolean layerNorm) {
            this.layerNorm = layerNorm;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public LinearNorm build() {
            return new LinearNorm(this);
        }
    }
}
