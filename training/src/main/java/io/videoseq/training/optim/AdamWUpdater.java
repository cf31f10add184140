package io.videoseq.training.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.HashMap;
import java.util.Map;

/**
 * The state and step of {@link AdamW}: first moment {@code m} and second moment {@code v}, each a view of half of
 * DL4J's updater state array (the same layout as DL4J's Adam), turned into an update in place.
 */
public final class AdamWUpdater implements GradientUpdater<AdamW> {
    public static final String M_STATE = "M";
    public static final String V_STATE = "V";

    private final AdamW config;
    private INDArray m;
    private INDArray v;

    public AdamWUpdater(AdamW config) {
        this.config = config;
    }

    @Override
    public AdamW getConfig() {
        return config;
    }

    @Override
    public void setState(Map<String, INDArray> stateMap, boolean initialize) {
        if (stateMap == null || stateMap.size() != 2 || !stateMap.containsKey(M_STATE)
                || !stateMap.containsKey(V_STATE)) {
            throw new IllegalStateException("AdamW updater state keys " + (stateMap == null ? null : stateMap.keySet())
                    + ": expected exactly [" + M_STATE + ", " + V_STATE + "]");
        }
        this.m = stateMap.get(M_STATE);
        this.v = stateMap.get(V_STATE);
        if (initialize) {
            m.assign(0);
            v.assign(0);
        }
    }

    @Override
    public Map<String, INDArray> getState() {
        Map<String, INDArray> state = new HashMap<>();
        state.put(M_STATE, m);
        state.put(V_STATE, v);
        return state;
    }

    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
        if (!viewArray.isRowVector() && viewArray.rank() != 1) {
            throw new IllegalArgumentException("AdamW updater state shape " + java.util.Arrays.toString(viewArray.shape())
                    + ": expected a row vector");
        }
        if (initialize) {
            viewArray.assign(0);
        }
        INDArray flat = viewArray.reshape(viewArray.length());
        long half = flat.length() / 2;
        // views, never copies: DL4J saves and restores this array, so the moments must live in it
        this.m = Shape.newShapeNoCopy(flat.get(NDArrayIndex.interval(0, half)), gradientShape, gradientOrder == 'f');
        this.v = Shape.newShapeNoCopy(flat.get(NDArrayIndex.interval(half, 2 * half)), gradientShape,
                gradientOrder == 'f');
        if (m == null || v == null) {
            throw new IllegalStateException("AdamW updater state of length " + flat.length()
                    + " cannot be viewed as two gradients of shape " + java.util.Arrays.toString(gradientShape));
        }
    }

    /** Turns {@code gradient} (of the mean loss) into the update that DL4J subtracts from the parameters. */
    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        if (m == null || v == null) {
            throw new IllegalStateException("AdamW updater used before its state view was set");
        }
        INDArray g = gradient.reshape(m.shape()).dup();
        double beta1 = config.beta1();
        double beta2 = config.beta2();
        double lr = config.getLearningRate(iteration, epoch);
        int step = iteration + 1;
        m.muli(beta1).addi(g.mul(1.0 - beta1));
        v.muli(beta2).addi(g.mul(g).muli(1.0 - beta2));
        double biasCorrection1 = 1.0 - Math.pow(beta1, step);
        double biasCorrection2 = 1.0 - Math.pow(beta2, step);
        INDArray denom = Transforms.sqrt(v, true).divi(Math.sqrt(biasCorrection2)).addi(config.epsilon());
        gradient.assign(m.div(denom).muli(lr / biasCorrection1).reshape(gradient.shape()));
    }
}
