package io.videoseq.model.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Collection;

/**
 * Wraps a recurrent layer ({@code LSTM} or {@code Bidirectional}) so that it receives the feature mask
 * {@code [batch, time]} (1 = real step, 0 = padding) inside a {@code ComputationGraph}.
 *
 * <p>Why: in DL4J 1.0.0-M2.1 a {@code ComputationGraph} hands masks to layers only through
 * {@code Layer.feedForwardMaskArray}, and {@code LSTM.feedForwardMaskArray} returns the mask without storing it
 * (only {@code MultiLayerNetwork} calls {@code setMaskArray} on every layer). The LSTM then runs over the padded
 * steps, and the backward half of a {@code Bidirectional} starts from the padding of shorter sequences. With the
 * mask set, the LSTM zeroes state and output at padded steps and the backward half starts at the last real step,
 * exactly like PyTorch's packed sequences. Parameters, their names and the updater are the wrapped layer's.
 *
 * <p>Files saved before this class moved here name it {@link io.videoseq.model.MaskedRecurrent}, an alias kept
 * for them.
 */
public class MaskedRecurrent extends BaseWrapperLayer {

    /** For JSON deserialization. */
    public MaskedRecurrent() {
    }

    public MaskedRecurrent(@JsonProperty("underlying") Layer underlying) {
        super(underlying);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners, int layerIndex, INDArray paramsView, boolean initializeParams,
            DataType networkDataType) {
        NeuralNetConfiguration inner = conf.clone();
        inner.setLayer(underlying);
        org.deeplearning4j.nn.api.Layer layer =
                underlying.instantiate(inner, listeners, layerIndex, paramsView, initializeParams, networkDataType);
        return new MaskedRecurrentLayer(layer);
    }

    @Override
    public IUpdater getUpdaterByParam(String paramName) {
        return underlying.getUpdaterByParam(paramName);
    }

    @Override
    public MaskedRecurrent clone() {
        MaskedRecurrent c = (MaskedRecurrent) super.clone();
        c.setUnderlying(underlying.clone());
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MaskedRecurrent && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + 7;
    }

    @Override
    public String toString() {
        return "MaskedRecurrent(" + underlying + ")";
    }
}
