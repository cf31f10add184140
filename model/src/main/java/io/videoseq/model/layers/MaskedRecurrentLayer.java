package io.videoseq.model.layers;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Implementation of {@link MaskedRecurrent}: stores the propagated feature mask {@code [batch, time]} in the
 * wrapped recurrent layer (which DL4J's graph does not do for LSTMs), then propagates it unchanged.
 */
public class MaskedRecurrentLayer extends BaseWrapperLayer {

    public MaskedRecurrentLayer(Layer underlying) {
        super(underlying);
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
            int minibatchSize) {
        underlying.setMaskArray(maskArray);
        return underlying.feedForwardMaskArray(maskArray, currentMaskState, minibatchSize);
    }
}
