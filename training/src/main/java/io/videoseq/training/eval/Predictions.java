package io.videoseq.training.eval;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A model's outputs over a whole split, in the split's file order.
 *
 * @param probabilities softmax probabilities {@code [examples, numClasses]}
 * @param labels        true class per example
 * @param meanLoss      mean per-example loss of the model's own loss function (weight decay excluded)
 */
public record Predictions(INDArray probabilities, int[] labels, double meanLoss) {

    public Predictions {
        if (probabilities.rank() != 2 || probabilities.rows() != labels.length) {
            throw new IllegalArgumentException("predictions: probabilities shape "
                    + java.util.Arrays.toString(probabilities.shape()) + ", expected [" + labels.length
                    + ", numClasses]");
        }
        labels = labels.clone();
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    public int numClasses() {
        return (int) probabilities.columns();
    }
}
