package io.videoseq.model.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonInclude;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Map;
import java.util.Objects;

/**
 * Adam with PyTorch's exact step ({@code torch.optim.AdamW} without its decay term): with {@code t = iteration + 1},
 * {@code m = b1*m + (1-b1)*g}, {@code v = b2*v + (1-b2)*g^2},
 * {@code update = lr/(1-b1^t) * m / (sqrt(v)/sqrt(1-b2^t) + eps)}.
 *
 * <p>Why not DL4J's {@code Adam}: its native op divides by {@code sqrt(v) + eps}, i.e. PyTorch's epsilon scaled by
 * {@code sqrt(1-b2^t)} (0.03 at the first step), which moves parameters by more than 1e-9 against PyTorch.
 *
 * <p>The decoupled weight decay is not applied here, because a DL4J updater never sees the parameters: pair this
 * with DL4J's {@code WeightDecay(coeff, applyLR = true)} on weights AND biases, set by
 * {@link DecoupledWeightDecay} (the one place videoseq sets weight decay: training graphs, benchmarks and
 * {@link Optimizers#adamW} all go through it), which adds {@code lr*coeff*p} to this update after it is computed, giving PyTorch's
 * {@code p*(1 - lr*wd) - update}. State {@code m, v} lives in DL4J's updater state view (first half m, second
 * half v), so {@code ModelSerializer} saves it and a restored model resumes exactly.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
public final class AdamW implements IUpdater {
    private static final long serialVersionUID = 1L;

    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.999;
    public static final double DEFAULT_EPSILON = 1e-8;

    private double learningRate;
    private ISchedule learningRateSchedule;
    private final double beta1;
    private final double beta2;
    private final double epsilon;

    /** PyTorch's defaults for betas and epsilon with a learning-rate schedule. */
    public AdamW(ISchedule learningRateSchedule) {
        this(Double.NaN, learningRateSchedule, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON);
    }

    /** PyTorch's defaults for betas and epsilon with a fixed learning rate. */
    public AdamW(double learningRate) {
        this(learningRate, null, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON);
    }

    /**
     * @param learningRate         fixed rate, finite and &gt; 0; ignored (may be NaN) when a schedule is given
     * @param learningRateSchedule rate as a function of (iteration, epoch), or null for the fixed rate
     * @param beta1                first-moment decay in [0, 1)
     * @param beta2                second-moment decay in [0, 1)
     * @param epsilon              denominator term, finite and &gt; 0
     */
    @JsonCreator
    public AdamW(@JsonProperty("learningRate") double learningRate,
                 @JsonProperty("learningRateSchedule") ISchedule learningRateSchedule,
                 @JsonProperty("beta1") double beta1, @JsonProperty("beta2") double beta2,
                 @JsonProperty("epsilon") double epsilon) {
        if (learningRateSchedule == null && (!(learningRate > 0) || Double.isInfinite(learningRate))) {
            throw new IllegalArgumentException("AdamW learningRate = " + learningRate
                    + ": expected a finite value > 0 (or a learningRateSchedule)");
        }
        checkDecay("beta1", beta1);
        checkDecay("beta2", beta2);
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("AdamW epsilon = " + epsilon + ": expected a finite value > 0");
        }
        this.learningRate = learningRate;
        this.learningRateSchedule = learningRateSchedule;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    private static void checkDecay(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException("AdamW " + name + " = " + value + ": expected a value in [0, 1)");
        }
    }

    public double beta1() {
        return beta1;
    }

    public double beta2() {
        return beta2;
    }

    public double epsilon() {
        return epsilon;
    }

    public ISchedule learningRateSchedule() {
        return learningRateSchedule;
    }

    @Override
    public long stateSize(long numParams) {
        return 2 * numParams;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        AdamWUpdater u = new AdamWUpdater(this);
        INDArray flat = viewArray.reshape(viewArray.length());
        u.setStateViewArray(flat, new long[]{flat.length() / 2}, flat.ordering(), initializeViewArray);
        return u;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        AdamWUpdater u = new AdamWUpdater(this);
        u.setState(updaterState, initializeStateArrays);
        return u;
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRateSchedule != null ? learningRateSchedule.valueAt(iteration, epoch) : learningRate;
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    /** Required by DL4J's {@code IUpdater} (used when it overrides rates layer by layer). */
    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        this.learningRate = lr;
        this.learningRateSchedule = lrSchedule;
    }

    @Override
    public AdamW clone() {
        return new AdamW(learningRate, learningRateSchedule == null ? null : learningRateSchedule.clone(),
                beta1, beta2, epsilon);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AdamW a && Double.compare(learningRate, a.learningRate) == 0
                && Objects.equals(learningRateSchedule, a.learningRateSchedule)
                && Double.compare(beta1, a.beta1) == 0 && Double.compare(beta2, a.beta2) == 0
                && Double.compare(epsilon, a.epsilon) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, learningRateSchedule, beta1, beta2, epsilon);
    }

    @Override
    public String toString() {
        return "AdamW(" + (learningRateSchedule != null ? "schedule=" + learningRateSchedule : "lr=" + learningRate)
                + ", beta1=" + beta1 + ", beta2=" + beta2 + ", epsilon=" + epsilon + ")";
    }
}
