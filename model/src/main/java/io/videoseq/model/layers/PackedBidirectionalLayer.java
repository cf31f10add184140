package io.videoseq.model.layers;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.BidirectionalLayer;
import org.deeplearning4j.nn.params.BidirectionalParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

/**
 * Implementation of {@link PackedBidirectional}: input {@code [batch, nIn, time]} with a right-padded mask
 * {@code [batch, time]}; output {@code [batch, 2H, time]} = forward half ‖ backward half, where the backward half
 * ran over each sequence reversed within its length and was reversed back. Both halves get the unreversed mask.
 */
public class PackedBidirectionalLayer extends BidirectionalLayer {
    private final Layer forward;
    private final Layer backward;
    private INDArray input;
    private INDArray mask;
    private int[] lengths;

    public PackedBidirectionalLayer(NeuralNetConfiguration conf, Layer forward, Layer backward, INDArray params) {
        super(conf, forward, backward, params);
        this.forward = forward;
        this.backward = backward;
    }

    @Override
    public void setMaskArray(INDArray maskArray) {
        this.mask = maskArray;
        this.lengths = maskArray == null ? null : SequenceReversal.lengths(maskArray);
        forward.setMaskArray(maskArray);
        backward.setMaskArray(maskArray);
    }

    @Override
    public INDArray getMaskArray() {
        return mask;
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState state, int minibatch) {
        return forward.feedForwardMaskArray(maskArray, state, minibatch);
    }

    /** The backward half's input is made in {@link #activate}, once the mask of this batch is known. */
    @Override
    public void setInput(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        this.input = input;
        forward.setInput(input, workspaceMgr);
    }

    @Override
    public INDArray input() {
        return input;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray out1 = forward.activate(training, workspaceMgr);
        backward.setInput(SequenceReversal.reverse(input, lengths, workspaceMgr, ArrayType.INPUT), workspaceMgr);
        INDArray out2 = SequenceReversal.reverse(backward.activate(training, workspaceMgr), lengths, workspaceMgr,
                ArrayType.FF_WORKING_MEM);
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, Nd4j.concat(1, out1, out2));
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        long n = epsilon.size(1) / 2;
        INDArray eFwd = epsilon.get(all(), interval(0, n), all());
        INDArray eBwd = SequenceReversal.reverse(epsilon.get(all(), interval(n, 2 * n), all()), lengths,
                workspaceMgr, ArrayType.BP_WORKING_MEM);
        Pair<Gradient, INDArray> g1 = forward.backpropGradient(eFwd, workspaceMgr);
        Pair<Gradient, INDArray> g2 = backward.backpropGradient(eBwd, workspaceMgr);
        Gradient g = new DefaultGradient(getGradientsViewArray());
        for (Map.Entry<String, INDArray> e : g1.getFirst().gradientForVariable().entrySet()) {
            g.gradientForVariable().put(BidirectionalParamInitializer.FORWARD_PREFIX + e.getKey(), e.getValue());
        }
        for (Map.Entry<String, INDArray> e : g2.getFirst().gradientForVariable().entrySet()) {
            g.gradientForVariable().put(BidirectionalParamInitializer.BACKWARD_PREFIX + e.getKey(), e.getValue());
        }
        INDArray epsOut = g1.getRight().addi(SequenceReversal.reverse(g2.getRight(), lengths, workspaceMgr,
                ArrayType.BP_WORKING_MEM));
        return new Pair<>(g, epsOut);
    }

    @Override
    public void clear() {
        super.clear();
        input = null;
    }
}
