package io.videoseq.model.layers;

import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/** The {@link Gradient} a videoseq layer returns from backprop, whose values it wrote into its gradient views. */
final class LayerGradients {

    private LayerGradients() {
    }

    /** Every parameter of {@code conf}, in its initializer's order, mapped to its gradient view. */
    static Gradient of(Layer conf, Map<String, INDArray> gradientViews) {
        Gradient grad = new DefaultGradient();
        for (String key : conf.initializer().paramKeys(conf)) {
            grad.gradientForVariable().put(key, gradientViews.get(key));
        }
        return grad;
    }
}
