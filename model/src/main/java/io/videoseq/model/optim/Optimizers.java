package io.videoseq.model.optim;


import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

import java.util.ArrayList;

/** Ready-made optimizer setups for a DL4J network configuration. */
public final class Optimizers {
    private Optimizers() {
    }

    /**
     * The updater and decoupled weight decay of a network configuration.
     *
     * @param updater        the updater for every layer
     * @param weightDecay    the coefficient applied to weights (incl. LayerNorm gains) and to biases
     */
    public record Setup(IUpdater updater, double weightDecay) {
        public Setup {
            if (updater == null) {
                throw new IllegalArgumentException("Optimizers.Setup updater = null: expected an IUpdater");
            }
            if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
                throw new IllegalArgumentException("Optimizers.Setup weightDecay = " + weightDecay
                        + ": expected a finite value >= 0");
            }
        }

        /**
         * Sets the updater on a network builder and clears its network-wide regularization (L1/L2/decay). Follow
         * with {@link #applyTo(ComputationGraphConfiguration)} on the built configuration: a network-wide
         * {@code WeightDecay} would be applied twice by DL4J (see {@link DecoupledWeightDecay}).
         */
        public NeuralNetConfiguration.Builder applyTo(NeuralNetConfiguration.Builder builder) {
            return builder.updater(updater.clone()).regularization(new ArrayList<>())
                    .regularizationBias(new ArrayList<>());
        }

        /** Puts the decay on the weights and biases of every layer; call before constructing the network. */
        public ComputationGraphConfiguration applyTo(ComputationGraphConfiguration conf) {
            return DecoupledWeightDecay.apply(conf, weightDecay);
        }

        /** As {@link #applyTo(ComputationGraphConfiguration)}, for a MultiLayerNetwork configuration. */
        public MultiLayerConfiguration applyTo(MultiLayerConfiguration conf) {
            return DecoupledWeightDecay.apply(conf, weightDecay);
        }
    }

    /**
     * PyTorch's AdamW: betas (0.9, 0.999), epsilon 1e-8, decoupled weight decay {@code lr * weightDecay * p} on
     * every parameter including biases.
     */
    public static Setup adamW(ISchedule learningRate, double weightDecay) {
        if (learningRate == null) {
            throw new IllegalArgumentException("Optimizers.adamW learningRate = null: expected an ISchedule");
        }
        return new Setup(new AdamW(learningRate), weightDecay);
    }
}
