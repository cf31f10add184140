package io.videoseq.inference;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The output layer's pre-softmax values, from the activations that enter it: {@code input · W + b}, with
 * {@code input [batch, nIn]}, {@code W [nIn, numClasses]}, {@code b [numClasses]}. DL4J computes them inside the
 * output layer and does not hand them out; the loss of a batch ({@code Predictor} in training) and the training
 * pass's predictions ({@code BatchObserver}, from the forward pass of {@code fit}, which never runs the output layer)
 * both need them, and both take them from here.
 */
public final class Logits {

    private Logits() {
    }

    /** Name of the vertex whose activations enter the graph's (first) output layer. */
    public static String inputOf(ComputationGraph graph) {
        return graph.getConfiguration().getVertexInputs().get(outputLayer(graph)).get(0);
    }

    /** Name of the graph's (first) output layer: a dense layer with parameters {@code W} and {@code b}. */
    public static String outputLayer(ComputationGraph graph) {
        return graph.getConfiguration().getNetworkOutputs().get(0);
    }

    /**
     * @param input the activations of {@link #inputOf}, {@code [batch, nIn]}
     * @return {@code [batch, numClasses]}, a new array
     */
    public static INDArray of(ComputationGraph graph, INDArray input) {
        return of(graph, outputLayer(graph), input);
    }

    /** As {@link #of(ComputationGraph, INDArray)} for the output layer named {@code outputLayer}. */
    public static INDArray of(ComputationGraph graph, String outputLayer, INDArray input) {
        return input.mmul(graph.getLayer(outputLayer).getParam("W"))
                .addiRowVector(graph.getLayer(outputLayer).getParam("b"));
    }
}
