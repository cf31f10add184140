package io.videoseq.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

import java.util.Objects;

/**
 * Training-side choices baked into the graph configuration: the updater (with its learning-rate schedule),
 * the loss of the softmax output layer, decoupled weight decay, the initialization seed and the network's
 * floating-point type.
 *
 * <p>{@code weightDecay} is applied as DL4J {@code WeightDecay(coefficient, applyLR = true)} to <em>every</em>
 * parameter (weights, biases, LayerNorm gains and shifts), as PyTorch's AdamW does; 0 disables it.
 *
 * @param updater     DL4J updater; its learning rate or schedule is used as-is
 * @param loss        loss of the output layer; it receives softmax probabilities {@code [batch, numClasses]}
 * @param weightDecay decoupled weight-decay coefficient, in [0, ∞)
 * @param seed        seed of every random initialization (DL4J's and the PyTorch-style LSTM init)
 * @param dataType    network data type: {@code FLOAT} for training, {@code DOUBLE} for exactness tests
 */
public record GraphOptions(IUpdater updater, ILossFunction loss, double weightDecay, long seed, DataType dataType) {

    public static final long DEFAULT_SEED = 42L;

    public GraphOptions {
        Objects.requireNonNull(updater, "updater must not be null");
        Objects.requireNonNull(loss, "loss must not be null");
        Objects.requireNonNull(dataType, "dataType must not be null");
        if (!(weightDecay >= 0.0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weight_decay = " + weightDecay + " is invalid: allowed range [0, ∞)");
        }
        if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE && dataType != DataType.HALF
                && dataType != DataType.BFLOAT16) {
            throw new IllegalArgumentException("data_type = " + dataType
                    + " is invalid: allowed FLOAT, DOUBLE, HALF, BFLOAT16");
        }
    }

    /** Adam(1e-3), multi-class cross-entropy, no weight decay, seed 42, float32. */
    public static GraphOptions defaults() {
        return new GraphOptions(new Adam(1e-3), new LossMCXENT(), 0.0, DEFAULT_SEED, DataType.FLOAT);
    }

    public GraphOptions withUpdater(IUpdater v) {
        return new GraphOptions(v, loss, weightDecay, seed, dataType);
    }

    public GraphOptions withLoss(ILossFunction v) {
        return new GraphOptions(updater, v, weightDecay, seed, dataType);
    }

    public GraphOptions withWeightDecay(double v) {
        return new GraphOptions(updater, loss, v, seed, dataType);
    }

    public GraphOptions withSeed(long v) {
        return new GraphOptions(updater, loss, weightDecay, v, dataType);
    }

    public GraphOptions withDataType(DataType v) {
        return new GraphOptions(updater, loss, weightDecay, seed, v);
    }
}
