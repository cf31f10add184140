package io.videoseq.model.optim;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Clips the gradient of all parameters together to a maximum global L2 norm, as PyTorch's
 * {@code clip_grad_norm_}: with {@code norm} the L2 norm of the gradient of the MEAN loss over every parameter,
 * the gradient is multiplied by {@code maxNorm / (norm + 1e-6)} when that factor is below 1.
 *
 * <p>DL4J has only per-layer clipping, so this runs as a listener in {@code onGradientCalculation}, the one hook
 * between backprop and the updater. There the flattened gradient view still holds the gradient of the SUM over
 * the minibatch: the updater divides it by the minibatch size afterwards (when the configuration's
 * {@code miniBatch} flag is true, the default). So the norm is computed as {@code ||view|| / batchSize}, and
 * scaling the view in place scales the mean gradient the updater then consumes by the same factor. Register it
 * after any listener that changes the gradient. Not for layers whose "gradients" DL4J does not divide by the
 * minibatch (BatchNormalization's running statistics): they would be counted and scaled too.
 *
 * <p>Not thread-safe; one instance per model. {@link #lastTotalNorm()} is the norm before clipping, as PyTorch
 * returns it, for logging.
 */
public final class GlobalNormClipping extends BaseTrainingListener {
    /** PyTorch's guard against division by zero in the clip factor. */
    public static final double EPSILON = 1e-6;

    private final double maxNorm;
    private double lastTotalNorm = Double.NaN;

    /** @param maxNorm largest allowed global L2 norm of the mean-loss gradient, finite and &gt; 0 */
    public GlobalNormClipping(double maxNorm) {
        if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("GlobalNormClipping maxNorm = " + maxNorm
                    + ": expected a finite value > 0");
        }
        this.maxNorm = maxNorm;
    }

    public double maxNorm() {
        return maxNorm;
    }

    /** The global norm of the mean-loss gradient before clipping at the last step; NaN before the first. */
    public double lastTotalNorm() {
        return lastTotalNorm;
    }

    @Override
    public void onGradientCalculation(Model model) {
        INDArray view = model.gradient().gradient();
        double divisor = model.conf().isMiniBatch() ? model.batchSize() : 1.0;
        double norm = view.norm2Number().doubleValue() / divisor;
        lastTotalNorm = norm;
        double coefficient = maxNorm / (norm + EPSILON);
        if (coefficient < 1.0) {
            view.muli(coefficient);
        }
    }

    @Override
    public String toString() {
        return "GlobalNormClipping(maxNorm=" + maxNorm + ")";
    }
}
