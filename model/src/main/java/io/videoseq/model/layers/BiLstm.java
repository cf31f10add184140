package io.videoseq.model.layers;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.List;

/**
 * Configuration of a bidirectional LSTM with PyTorch packed-sequence semantics, equal in math to
 * {@code MaskedRecurrent(PackedBidirectional(LSTM(nOut, tanh, sigmoid gates, forgetGateBiasInit 0)))} but much
 * faster (one input GEMM for all steps, only real steps computed, forward activations reused in backprop).
 *
 * <p>Input {@code [batch, nIn, time]} (NCW) with an optional feature mask {@code [batch, time]} (1 = real step,
 * 0 = padding) that must be right-padded ({@code 1…1 0…0} per row; null = every step real). Output
 * {@code [batch, 2·nOut, time]} = forward half ‖ backward half; the backward half reads each sequence from its
 * last real step down to step 0. Outputs at padded steps are 0 and the mask is passed through.
 * {@code dropOut(keepProb)} applies standard DL4J dropout to the input in training (one mask for both
 * directions, as PyTorch does).
 *
 * <p>Params, with {@code H = nOut}, in this order and with the names and layout of DL4J's
 * {@code Bidirectional(LSTM)}: "fW" {@code [nIn, 4H]}, "fRW" {@code [H, 4H]}, "fb" {@code [4H]} (rank 1, as the
 * LSTM's bias), then "bW", "bRW", "bb". Column blocks are DL4J's: 0 = candidate g (tanh), 1 = forget f,
 * 2 = output o, 3 = input gate i; {@code c = f·c' + i·g}, {@code h = o·tanh(c)}. Weights are regularized by
 * {@code regularization} (weightDecay), biases by {@code regularizationBias} (weightDecayBias). Initial values:
 * U(−1/√H, 1/√H) for all, as PyTorch's {@code nn.LSTM}.
 *
 * <p>Kernels, all with the same outputs and gradients within float rounding: oneDNN's own LSTM primitives where the
 * optional {@code org.bytedeco:dnnl} is present and it pays (FLOAT; {@code OneDnnSupport}, switch
 * {@code videoseq.bilstm.onednn} / {@code VIDEOSEQ_BILSTM_ONEDNN}), else for inference libnd4j's fused LSTM
 * ({@link #FUSED_INFERENCE_PROPERTY}), else the per-step loop.
 */
public class BiLstm extends SpecLayer {

    /**
     * System property choosing the inference kernel, read at every inference call: {@code auto} (default:
     * libnd4j's fused {@code lstmLayer} when oneDNN runs it, i.e. FLOAT with libnd4j's oneDNN build, else the
     * per-step loop), {@code always} (the fused op whenever libnd4j has it, e.g. its generic version in DOUBLE) or
     * {@code never} (the loop). Training always uses the loop.
     */
    public static final String FUSED_INFERENCE_PROPERTY = "videoseq.bilstm.fused";

    /** For JSON deserialization. */
    public BiLstm() {
    }

    private BiLstm(Builder b) {
        super(b);
        initializeConstraints(b);
    }

    @Override
    public List<ParamSpec> paramSpecs() {
        long h4 = 4 * nOut;
        return List.of(ParamSpec.weight("fW", nIn, h4), ParamSpec.weight("fRW", nOut, h4), ParamSpec.bias("fb", h4),
                ParamSpec.weight("bW", nIn, h4), ParamSpec.weight("bRW", nOut, h4), ParamSpec.bias("bb", h4));
    }

    @Override
    public ParamInitializer initializer() {
        return BiLstmParamInitializer.INSTANCE;
    }

    @Override
    protected void validate(int layerIndex) {
        super.validate(layerIndex);
        if (!(activationFn instanceof ActivationTanH)) {
            throw new IllegalStateException(describe(layerIndex) + ": activation must be TANH, found " + activationFn);
        }
    }

    @Override
    protected BaseLayer<?> createImpl(NeuralNetConfiguration conf, DataType dataType) {
        return new BiLstmImpl(conf, dataType);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.recurrent(2 * nOut, requireSequence(layerIndex, inputType).getTimeSeriesLength(),
                RNNFormat.NCW);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BiLstm && baseEquals(o);
    }

    @Override
    public int hashCode() {
        return 31 * baseHashCode() + 17;
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof BiLstm;
    }

    @Override
    public String toString() {
        return "BiLstm(name=" + layerName + ", nIn=" + nIn + ", hidden=" + nOut + ", dropout=" + iDropout + ")";
    }

    /** Builder: {@code new BiLstm.Builder().nIn(F).nOut(H).dropOut(keep)}; nOut = hidden size per direction. */
    public static class Builder extends FeedForwardLayer.Builder<Builder> {

        public Builder() {
            this.activationFn = new ActivationTanH();
        }

        @Override
        @SuppressWarnings("unchecked")
        public BiLstm build() {
            return new BiLstm(this);
        }
    }
}
