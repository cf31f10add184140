package io.videoseq.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

import java.util.Objects;

/**
 * Training-side choices baked into the graph configuration: the updater (with its learning-rate schedule),
 * the loss of the softmax output layer, the initialization seed and the network's floating-point type. Weight
 * decay is not one of them: the training module's {@code DecoupledWeightDecay} puts it on the built
 * configuration, the one place it is set (see {@link TemporalModelFactory#initialise}).
 *
 * @param updater     DL4J updater; its learning rate or schedule is used as-is
 * @param loss        loss of the output layer; it receives softmax probabilities {@code [batch, numClasses]}
 * @param seed        seed of every random initialization (DL4J's and the PyTorch-style LSTM init)
 * @param dataType    network data type: {@code FLOAT} for training, {@code DOUBLE} for exactness tests
 */
public record GraphOptions(IUpdater updater, ILossFunction loss, long seed, DataType dataType) {

    public static final long DEFAULT_SEED = 42L;

    public GraphOptions {
        Objects.requireNonNull(updater, "updater must not be null");
        Objects.requireNonNull(loss, "loss must not be null");
        Objects.requireNonNull(dataType, "dataType must not be null");
        if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE && dataType != DataType.HALF
                && dataType != DataType.BFLOAT16) {
            throw new IllegalArgumentException("data_type = " + dataType
                    + " is invalid: allowed FLOAT, DOUBLE, HALF, BFLOAT16");
        }
    }

    /** Adam(1e-3), multi-class cross-entropy, seed 42, float32. */
    public static GraphOptions defaults() {
        return new GraphOptions(new Adam(1e-3), new LossMCXENT(), DEFAULT_SEED, DataType.FLOAT);
    }

    public GraphOptions withUpdater(IUpdater v) {
        return new GraphOptions(v, loss, seed, dataType);
    }

    public GraphOptions withLoss(ILossFunction v) {
        return new GraphOptions(updater, v, seed, dataType);
    }

    public GraphOptions withSeed(long v) {
        return new GraphOptions(updater, loss, v, dataType);
    }

    public GraphOptions withDataType(DataType v) {
        return new GraphOptions(updater, loss, seed, v);
    }
}
