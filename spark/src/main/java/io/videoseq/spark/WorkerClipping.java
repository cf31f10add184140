package io.videoseq.spark;

import io.videoseq.model.optim.GlobalNormClipping;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

import java.io.Serializable;

/**
 * The recipe's {@link GlobalNormClipping} on every worker step. Spark ships listeners to the executors by Java
 * serialization, and videoseq's listeners are not {@code Serializable} ("Task not serializable"); this wrapper
 * carries only the norm and makes the clipper where it runs.
 */
final class WorkerClipping extends BaseTrainingListener implements Serializable {
    private static final long serialVersionUID = 1L;

    private final double maxNorm;
    private transient GlobalNormClipping clipping;

    WorkerClipping(double maxNorm) {
        this.maxNorm = new GlobalNormClipping(maxNorm).maxNorm();
    }

    @Override
    public void onGradientCalculation(Model model) {
        if (clipping == null) {
            clipping = new GlobalNormClipping(maxNorm);
        }
        clipping.onGradientCalculation(model);
    }

    @Override
    public String toString() {
        return "WorkerClipping(maxNorm=" + maxNorm + ")";
    }
}
