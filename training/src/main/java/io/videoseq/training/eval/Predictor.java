package io.videoseq.training.eval;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.BaseOutputLayer;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a graph in inference mode over every batch of an iterator (features {@code [batch, features, time]},
 * mask {@code [batch, time]} with 1 = real step, one-hot labels) and collects probabilities, labels and loss.
 *
 * <p>One forward pass per batch yields both the output (probabilities) and the output layer's input; the loss is
 * the output layer's own loss function applied to the logits {@code input · W + b}, as DL4J computes it in
 * {@code score}, without the weight-decay penalty DL4J's score would add.
 */
public final class Predictor {

    private Predictor() {
    }

    /**
     * Softmax probabilities {@code [examples, numClasses]} (DOUBLE) over all remaining batches of {@code batches}
     * (reset first when it supports it). Labels are not read: batches of new videos, without labels, work too.
     */
    public static INDArray probabilities(ComputationGraph graph, DataSetIterator batches) {
        String out = graph.getConfiguration().getNetworkOutputs().get(0);
        if (batches.resetSupported()) {
            batches.reset();
        }
        List<INDArray> probs = new ArrayList<>();
        while (batches.hasNext()) {
            DataSet ds = batches.next();
            INDArray[] masks = ds.getFeaturesMaskArray() == null ? null : new INDArray[] {ds.getFeaturesMaskArray()};
            probs.add(graph.output(List.of(out), false, new INDArray[] {ds.getFeatures()}, masks)[0]);
        }
        if (probs.isEmpty()) {
            throw new IllegalArgumentException("cannot predict: the iterator delivered no examples");
        }
        return Nd4j.vstack(probs.toArray(new INDArray[0])).castTo(DataType.DOUBLE);
    }

    /** Predictions over all remaining batches of {@code batches} (reset first when it supports it). */
    public static Predictions predict(ComputationGraph graph, DataSetIterator batches) {
        String out = graph.getConfiguration().getNetworkOutputs().get(0);
        String in = graph.getConfiguration().getVertexInputs().get(out).get(0);
        Layer outputLayer = graph.getLayer(out);
        ILossFunction loss = ((BaseOutputLayer<?>) outputLayer).layerConf().getLossFn();
        INDArray w = outputLayer.getParam("W");
        INDArray b = outputLayer.getParam("b");
        if (batches.resetSupported()) {
            batches.reset();
        }
        List<INDArray> probs = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        double lossSum = 0;
        while (batches.hasNext()) {
            DataSet ds = batches.next();
            if (ds.getLabels() == null) {
                throw new IllegalArgumentException("cannot compute the loss of a batch without labels");
            }
            INDArray[] masks = ds.getFeaturesMaskArray() == null ? null : new INDArray[] {ds.getFeaturesMaskArray()};
            INDArray[] acts = graph.output(List.of(in, out), false, new INDArray[] {ds.getFeatures()}, masks);
            INDArray logits = acts[0].mmul(w).addiRowVector(b);
            lossSum += loss.computeScoreArray(ds.getLabels(), logits, new ActivationSoftmax(), null)
                    .sumNumber().doubleValue();
            probs.add(acts[1]);
            for (long y : Nd4j.argMax(ds.getLabels(), 1).toLongVector()) {
                labels.add((int) y);
            }
        }
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("cannot evaluate: the iterator delivered no examples");
        }
        INDArray all = Nd4j.vstack(probs.toArray(new INDArray[0])).castTo(DataType.DOUBLE);
        return new Predictions(all, labels.stream().mapToInt(Integer::intValue).toArray(), lossSum / labels.size());
    }
}
