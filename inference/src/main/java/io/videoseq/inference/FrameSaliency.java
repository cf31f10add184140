package io.videoseq.inference;

import io.videoseq.data.PaddedBatch;
import io.videoseq.data.Sequence;
import io.videoseq.data.VideoSource;
import io.videoseq.model.layers.AttentionPoolingImpl;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Where a model looked: the attention-pooling weights over a video's frames, the share of the pooled vector each
 * real frame contributes (they sum to 1 per video). For an ensemble, the members' weights are averaged, which still
 * sums to 1. Computed on the original view only (TTA views move and drop frames, so their weights belong to other
 * frame indices).
 *
 * <pre>{@code
 * List<double[]> w = FrameSaliency.of(predictor.graphs(), testFile, new int[] {0, 7}, 32);
 * // w.get(1)[t] = weight of frame t of video 7, t < testFile.length(7)
 * }</pre>
 */
public final class FrameSaliency {

    private FrameSaliency() {
    }

    /**
     * @param models  one or more graphs with an attention-pooling layer (videoseq models, imported ones too)
     * @param split   the videos
     * @param indices which videos, in the order wanted
     * @param batchSize videos per forward pass
     * @return per requested video its weights, one per real frame
     */
    public static List<double[]> of(List<ComputationGraph> models, VideoSource split, int[] indices, int batchSize) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("saliency needs at least one model");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize = " + batchSize + ": expected >= 1");
        }
        List<double[]> out = new ArrayList<>(indices.length);
        for (int start = 0; start < indices.length; start += batchSize) {
            Sequence[] batch = new Sequence[Math.min(batchSize, indices.length - start)];
            for (int k = 0; k < batch.length; k++) {
                batch[k] = split.read(indices[start + k]);
            }
            out.addAll(of(models, batch));
        }
        return out;
    }

    /**
     * The members' averaged weights for one batch of sequences (padded together, padding masked).
     *
     * @return per sequence its weights, one per real frame
     */
    public static List<double[]> of(List<ComputationGraph> models, Sequence[] batch) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("saliency needs at least one model");
        }
        List<double[]> sums = new ArrayList<>(batch.length);
        for (Sequence s : batch) {
            sums.add(new double[s.length()]);
        }
        for (ComputationGraph g : models) {
            PaddedBatch padded = PaddedBatch.of(batch, batch[0].featureDim(), g.getConfiguration().getDataType());
            double[][] w = weights(g, padded.features(), padded.mask()).toDoubleMatrix();
            for (int k = 0; k < batch.length; k++) {
                double[] acc = sums.get(k);
                for (int t = 0; t < acc.length; t++) {
                    acc[t] += w[k][t];
                }
            }
        }
        for (double[] acc : sums) {
            for (int t = 0; t < acc.length; t++) {
                acc[t] /= models.size();
            }
        }
        return sums;
    }

    /**
     * One graph's pooling weights for one padded batch.
     *
     * @param features {@code [batch, featureDim, time]}
     * @param mask     {@code [batch, time]}, 1 = real frame, or null
     * @return {@code [batch, time]}, 0 on padding
     * @throws IllegalArgumentException when the graph has no attention-pooling layer
     */
    public static INDArray weights(ComputationGraph graph, INDArray features, INDArray mask) {
        AttentionPoolingImpl pooling = null;
        String name = null;
        for (Layer l : graph.getLayers()) {
            if (l instanceof AttentionPoolingImpl p) {
                pooling = p;
                name = l.conf().getLayer().getLayerName();
            }
        }
        if (pooling == null) {
            throw new IllegalArgumentException("the model has no attention-pooling layer, so no frame saliency");
        }
        String in = graph.getConfiguration().getVertexInputs().get(name).get(0);
        INDArray poolingInput = graph.output(List.of(in), false, new INDArray[] {features},
                mask == null ? null : new INDArray[] {mask})[0];
        return pooling.frameWeights(poolingInput, mask);
    }
}
