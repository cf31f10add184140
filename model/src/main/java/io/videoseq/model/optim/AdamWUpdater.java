package io.videoseq.model.optim;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;

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
    /** oneDNN's primitives for FLOAT blocks; null until the first such step (and without dnnl). */
    private AdamWOneDnn oneDnn;
    private boolean lastStepOnOneDnn;

    public AdamWUpdater(AdamW config) {
        this.config = config;
    }

    /** Whether the last FLOAT step ran on oneDNN's primitives (for tests and diagnostics). */
    boolean lastStepOnOneDnn() {
        return lastStepOnOneDnn;
    }

    /** Whether this step runs on {@link #oneDnn} (created for the first FLOAT block it can take). */
    private boolean oneDnn(INDArray gradient) {
        if (gradient.dataType() != DataType.FLOAT || !AdamWOneDnnSwitch.on()) {
            return false;
        }
        if (oneDnn == null || oneDnn.length() != gradient.length()) {
            oneDnn = new AdamWOneDnn(gradient.length(), config.beta1(), config.beta2());
        }
        return oneDnn.accepts(gradient, m, v);
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

    /**
     * Turns {@code gradient} (of the mean loss) into the update that DL4J subtracts from the parameters, with
     * PyTorch's AdamW arithmetic: {@code m = β1·m + (1−β1)·g}, {@code v = β2·v + (1−β2)·g²},
     * {@code update = lr/(1−β1^t) · m / (√v/√(1−β2^t) + ε)}.
     *
     * <p>It runs as libnd4j's fused, in-place {@code adam_updater} op, which computes
     * {@code lr·√(1−β2^t)/(1−β1^t) · m / (√v + ε')}: the same expression when {@code ε' = ε·√(1−β2^t)}. Why not
     * element-wise ND4J calls: DL4J hands over whole updater blocks (65 M values on the production model), and
     * five full-size temporaries per step cost ~1 GB of native memory until the garbage collector frees them.
     *
     * <p>FLOAT blocks run on oneDNN's primitives instead when dnnl is there ({@link AdamWOneDnn}: PyTorch's own
     * order of operations, 2.5-3.7x faster than {@code adam_updater}, whose square root is libnd4j's scalar one).
     */
    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        if (m == null || v == null) {
            throw new IllegalStateException("AdamW updater used before its state view was set");
        }
        double lr = config.getLearningRate(iteration, epoch);
        double biasCorrection2 = 1.0 - Math.pow(config.beta2(), iteration + 1);
        lastStepOnOneDnn = oneDnn(gradient);
        if (lastStepOnOneDnn) {
            oneDnn.step(gradient, m, v, config.epsilon(), Math.sqrt(biasCorrection2),
                    lr / (1.0 - Math.pow(config.beta1(), iteration + 1)));
            return;
        }
        double epsilon = config.epsilon() * Math.sqrt(biasCorrection2);
        Nd4j.exec(new org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater(gradient.reshape(v.shape()), v, m, lr,
                config.beta1(), config.beta2(), epsilon, iteration));
    }
}
