package io.videoseq.training.run;

import io.videoseq.inference.Logits;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

/**
 * Captures, for the batch being fitted, what the original computed from the training forward pass: the loss and
 * the predicted classes — without a second forward pass.
 *
 * <p>Loss: in {@code onGradientCalculation} (after the forward/backward pass, before the update) DL4J's score is
 * the mean batch loss plus the weight-decay penalty; the penalty, recomputed on the same parameters, is
 * subtracted. Predictions: DL4J does not compute the output layer during the forward pass of {@code fit}, so the
 * output layer's input (in {@code onForwardPass}, training mode: dropout on) goes through {@link Logits} (its
 * weights {@code W [nIn, numClasses]} and bias {@code b}); softmax keeps the argmax. The output layer's own input
 * dropout is the one step not included.
 */
public final class BatchObserver extends BaseTrainingListener {

    private final String outputLayer;
    private double lastLoss = Double.NaN;
    private int[] lastPredictions;

    /** @param outputLayer name of the graph's output layer (a dense softmax layer with params "W" and "b") */
    public BatchObserver(String outputLayer) {
        this.outputLayer = outputLayer;
    }

    @Override
    public void onForwardPass(Model model, Map<String, INDArray> activations) {
        ComputationGraph g = (ComputationGraph) model;
        List<String> inputs = g.getConfiguration().getVertexInputs().get(outputLayer);
        lastPredictions = Nd4j.argMax(Logits.of(g, outputLayer, activations.get(inputs.get(0))), 1).toIntVector();
    }

    @Override
    public void onGradientCalculation(Model model) {
        ComputationGraph g = (ComputationGraph) model;
        lastLoss = g.score() - g.calcRegularizationScore(true);
    }

    /** Mean loss of the last fitted batch, weight decay excluded. */
    public double lastLoss() {
        return lastLoss;
    }

    /** Predicted class per sequence of the last fitted batch (training mode). */
    public int[] lastPredictions() {
        if (lastPredictions == null) {
            throw new IllegalStateException("no batch has been fitted with this observer attached");
        }
        return lastPredictions.clone();
    }
}
