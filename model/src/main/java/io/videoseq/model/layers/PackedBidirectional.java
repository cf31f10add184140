package io.videoseq.model.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;
import java.util.Map;

import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

/**
 * A bidirectional recurrent layer (outputs concatenated, {@code [batch, 2H, time]}) whose backward half reads
 * each sequence reversed <em>within its own length</em>, like PyTorch's packed sequences.
 *
 * <p>Why not DL4J's {@link Bidirectional}: it reverses the whole padded series, so for a right-padded sequence
 * the backward LSTM first walks through the padding. Its forward pass is still right (a masked step zeroes the
 * state), but in M2.1 the LSTM's backprop lets gradient flow through those zeroed leading steps, so the
 * backward half's parameter gradients are wrong for every padded sequence (measured: 0.05 absolute against
 * finite differences; see {@code MaskedRecurrentTest}). Reversing within each length keeps the padding at
 * the end for both halves, where DL4J's masked LSTM is exact.
 *
 * <p>Parameters, their names ({@code fW, fRW, fb, bW, bRW, bb}) and their layout are {@link Bidirectional}'s.
 * Masks must be right-padded ({@code 1…1 0…0} per row); other masks are rejected.
 *
 * <p>Kept for old files only: new bidirectional models use {@link BiLstm}, and checkpoints written before it
 * are made of this class ({@code io.videoseq.model.io.LegacyTypes}). Files saved before this class moved here
 * name it {@link io.videoseq.model.PackedBidirectional}, an alias kept for them.
 */
public class PackedBidirectional extends Bidirectional {

    /** For JSON deserialization. */
    public PackedBidirectional() {
    }

    public PackedBidirectional(Layer recurrent) {
        super(Mode.CONCAT, recurrent);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners, int layerIndex, INDArray paramsView, boolean initializeParams,
            DataType networkDataType) {
        if (getMode() != Mode.CONCAT) {
            throw new IllegalArgumentException("PackedBidirectional mode: expected CONCAT, found " + getMode());
        }
        NeuralNetConfiguration forward = conf.clone();
        NeuralNetConfiguration backward = conf.clone();
        forward.setLayer(getFwd());
        backward.setLayer(getBwd());
        INDArray flat = paramsView.reshape(paramsView.length());
        long half = paramsView.length() / 2;
        org.deeplearning4j.nn.api.Layer f = getFwd().instantiate(forward, listeners, layerIndex,
                flat.get(interval(0, half)), initializeParams, networkDataType);
        org.deeplearning4j.nn.api.Layer b = getBwd().instantiate(backward, listeners, layerIndex,
                flat.get(interval(half, 2 * half)), initializeParams, networkDataType);
        PackedBidirectionalLayer layer = new PackedBidirectionalLayer(conf, f, b, paramsView);
        Map<String, INDArray> params = initializer().init(conf, paramsView, initializeParams);
        layer.setParamTable(params);
        layer.setConf(conf);
        return layer;
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + 11;
    }

    @Override
    public String toString() {
        return "PackedBidirectional(" + getFwd() + ")";
    }
}
