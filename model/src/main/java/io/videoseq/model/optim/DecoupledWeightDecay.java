package io.videoseq.model.optim;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.samediff.AbstractSameDiffLayer;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Puts exactly one {@code WeightDecay(coefficient, applyLR = true)} on the weights AND the biases of every layer of
 * a built configuration, replacing whatever regularization they had.
 *
 * <p>Why not {@code NeuralNetConfiguration.Builder.weightDecay(..)}: in DL4J 1.0.0-M2.1 a network-wide
 * {@code WeightDecay} ends up TWICE on every {@code BaseLayer} ({@code Builder.copyConfigToLayer} copies the global
 * list into the layer, then {@code LayerValidation.configureBaseLayer} merges the global list in again and only
 * de-duplicates L1/L2), so parameters decay at twice the rate. Setting the lists after the build avoids that.
 *
 * <p>Apply to the configuration before constructing the network from it. The lists are stored in the JSON
 * configuration, so a saved and restored model keeps them.
 */
public final class DecoupledWeightDecay {
    private DecoupledWeightDecay() {
    }

    /** @return the configuration, changed in place */
    public static ComputationGraphConfiguration apply(ComputationGraphConfiguration conf, double coefficient) {
        for (Map.Entry<String, GraphVertex> e : conf.getVertices().entrySet()) {
            if (e.getValue() instanceof LayerVertex lv) {
                apply(e.getKey(), lv.getLayerConf().getLayer(), coefficient);
            }
        }
        return conf;
    }

    /** @return the configuration, changed in place */
    public static MultiLayerConfiguration apply(MultiLayerConfiguration conf, double coefficient) {
        for (NeuralNetConfiguration layerConf : conf.getConfs()) {
            apply(layerConf.getLayer().getLayerName(), layerConf.getLayer(), coefficient);
        }
        return conf;
    }

    private static void apply(String name, Layer layer, double coefficient) {
        if (layer instanceof BaseLayer base) {
            base.setRegularization(decay(coefficient));
            base.setRegularizationBias(decay(coefficient));
        } else if (layer instanceof AbstractSameDiffLayer sd) {
            sd.setRegularization(decay(coefficient));
            sd.setRegularizationBias(decay(coefficient));
        } else if (layer instanceof Bidirectional bi) {
            apply(name, bi.getFwd(), coefficient);
            apply(name, bi.getBwd(), coefficient);
        } else if (layer instanceof BaseWrapperLayer wrapper) {
            apply(name, wrapper.getUnderlying(), coefficient);
        } else if (layer instanceof FrozenLayer frozen) {
            apply(name, frozen.getLayer(), coefficient);
        } else if (layer != null && layer.initializer().numParams(layer) > 0) {
            throw new IllegalArgumentException("DecoupledWeightDecay layer '" + name + "' of type "
                    + layer.getClass().getName() + " has parameters but no settable regularization: expected a "
                    + "BaseLayer, AbstractSameDiffLayer or a wrapper of one");
        }
    }

    private static List<Regularization> decay(double coefficient) {
        List<Regularization> list = new ArrayList<>();
        if (coefficient > 0) {
            list.add(new WeightDecay(coefficient, true));
        }
        return list;
    }
}
