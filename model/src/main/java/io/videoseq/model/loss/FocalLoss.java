package io.videoseq.model.loss;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossUtil;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonInclude;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Arrays;
import java.util.Objects;

/**
 * Focal loss over label-smoothed targets with optional per-class weights, as the PyTorch reference computes it:
 * {@code loss = alpha_y * (1 - exp(-ce))^gamma * ce} with {@code ce = -sum_j q_j * log_softmax(z)_j}, where the
 * smoothed target gives the true class {@code 1 - smoothing} and every other class {@code smoothing / (C - 1)}.
 *
 * <p>Layouts: labels and pre-output (logits) are {@code [batch, numClasses]}, labels one-hot. The output layer must
 * use the SOFTMAX activation; DL4J hands this loss the logits, and everything is computed from the log-softmax of
 * the logits, so logits of ±50 stay finite. {@link #computeGradient} returns dL/d(logits) through the softmax.
 *
 * <p>Mask: a column {@code [batch, 1]} with 1 for a real example, 0 for one to ignore (its loss and gradient are 0).
 * Per-output masks are rejected, as DL4J's softmax cross entropy does. Following DL4J conventions the averaged score
 * divides by the batch size (masked rows included) and the gradient is per example: DL4J divides by the
 * minibatch size in the updater.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
public final class FocalLoss implements ILossFunction {
    private static final long serialVersionUID = 1L;

    private final double[] alpha;
    private final double gamma;
    private final double smoothing;

    /** The reference defaults: no alpha, gamma 2, smoothing 0.1. */
    public FocalLoss() {
        this(null, 2.0, 0.1);
    }

    /**
     * @param alpha     per-class weight (length = number of classes, each finite and &gt;= 0), or null for none
     * @param gamma     focusing exponent, finite and &gt;= 0 (0 gives label-smoothed cross entropy)
     * @param smoothing label smoothing in [0, 1)
     */
    @JsonCreator
    public FocalLoss(@JsonProperty("alpha") double[] alpha, @JsonProperty("gamma") double gamma,
                     @JsonProperty("smoothing") double smoothing) {
        if (!(gamma >= 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("FocalLoss gamma = " + gamma + ": expected a finite value >= 0");
        }
        if (!(smoothing >= 0 && smoothing < 1)) {
            throw new IllegalArgumentException("FocalLoss smoothing = " + smoothing + ": expected a value in [0, 1)");
        }
        if (alpha != null) {
            if (alpha.length < 2) {
                throw new IllegalArgumentException("FocalLoss alpha has " + alpha.length
                        + " entries: expected one per class, at least 2");
            }
            for (int i = 0; i < alpha.length; i++) {
                if (!(alpha[i] >= 0) || Double.isInfinite(alpha[i])) {
                    throw new IllegalArgumentException("FocalLoss alpha[" + i + "] = " + alpha[i]
                            + ": expected a finite value >= 0");
                }
            }
        }
        this.alpha = alpha == null ? null : alpha.clone();
        this.gamma = gamma;
        this.smoothing = smoothing;
    }

    public double[] alpha() {
        return alpha == null ? null : alpha.clone();
    }

    public double gamma() {
        return gamma;
    }

    public double smoothing() {
        return smoothing;
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        double sum = computeScoreArray(labels, preOutput, activationFn, mask).sumNumber().doubleValue();
        return average ? sum / preOutput.size(0) : sum;
    }

    /** @return the per-example loss, {@code [batch, 1]}, 0 where masked */
    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return compute(labels, preOutput, activationFn, mask, false);
    }

    /** @return dL/d(logits) per example, {@code [batch, numClasses]}, not divided by the batch size */
    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return compute(labels, preOutput, activationFn, mask, true);
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
                                                          IActivation activationFn, INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    private INDArray compute(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                             boolean gradient) {
        validate(labels, preOutput, activationFn, mask);
        double[][] z = preOutput.toDoubleMatrix();
        double[][] y = labels.toDoubleMatrix();
        int classes = z[0].length;
        double[][] out = new double[z.length][gradient ? classes : 1];
        for (int i = 0; i < z.length; i++) {
            FocalTerms.Row row = FocalTerms.row(z[i], y[i], alpha, gamma, smoothing);
            if (gradient) {
                out[i] = row.gradient();
            } else {
                out[i][0] = row.loss();
            }
        }
        INDArray result = Nd4j.create(out).castTo(preOutput.dataType());
        if (mask != null) {
            LossUtil.applyMask(result, mask);
        }
        return result;
    }

    private void validate(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        if (!(activationFn instanceof ActivationSoftmax)) {
            throw new IllegalArgumentException("FocalLoss activation = " + activationFn
                    + ": expected the output layer to use SOFTMAX");
        }
        if (preOutput.rank() != 2 || !labels.equalShapes(preOutput)) {
            throw new IllegalArgumentException("FocalLoss labels shape " + Arrays.toString(labels.shape())
                    + " vs logits shape " + Arrays.toString(preOutput.shape()) + ": expected equal [batch, classes]");
        }
        long classes = preOutput.size(1);
        if (classes < 2) {
            throw new IllegalArgumentException("FocalLoss classes = " + classes + ": expected at least 2");
        }
        if (alpha != null && alpha.length != classes) {
            throw new IllegalArgumentException("FocalLoss alpha has " + alpha.length + " entries: expected "
                    + classes + " (one per class)");
        }
        if (mask != null && LossUtil.isPerOutputMasking(preOutput, mask)) {
            throw new IllegalArgumentException("FocalLoss mask shape " + Arrays.toString(mask.shape())
                    + ": expected a per-example column [" + preOutput.size(0) + ", 1]");
        }
    }

    @Override
    public String name() {
        return toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FocalLoss f && Double.compare(gamma, f.gamma) == 0
                && Double.compare(smoothing, f.smoothing) == 0 && Arrays.equals(alpha, f.alpha);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(alpha), gamma, smoothing);
    }

    @Override
    public String toString() {
        return "FocalLoss(alpha=" + Arrays.toString(alpha) + ", gamma=" + gamma + ", smoothing=" + smoothing + ")";
    }
}
