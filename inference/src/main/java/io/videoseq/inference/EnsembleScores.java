package io.videoseq.inference;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Softmax probabilities of one or more models over a split (in file order) or a batch of videos; several models are
 * averaged ({@link ProbabilityAverage}), and with TTA each model's four views are averaged first. Made by the
 * {@link Scorer}. Videos without labels are scored too ({@link #hasLabels()}).
 *
 * @param plain  probabilities of the original view {@code [examples, numClasses]}
 * @param tta    TTA probabilities {@code [examples, numClasses]}, or null when not requested
 * @param labels true class per example, or null when the split has no labels
 */
public record EnsembleScores(INDArray plain, INDArray tta, int[] labels) {

    /**
     * The members' probabilities averaged, view by view: the ensemble's scores. The one place members are combined
     * (the {@link Scorer}, and the ensemble trainer for members scored one at a time as they finish).
     */
    public static EnsembleScores average(List<EnsembleScores> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one member's scores");
        }
        List<INDArray> plain = members.stream().map(EnsembleScores::plain).toList();
        boolean withTta = members.stream().allMatch(m -> m.tta() != null);
        return new EnsembleScores(ProbabilityAverage.of(plain).probabilities(),
                withTta ? ProbabilityAverage.of(members.stream().map(EnsembleScores::tta).toList()).probabilities()
                        : null, members.get(0).labels());
    }

    /** Whether the split had labels, so {@link #labels()} is not null. */
    public boolean hasLabels() {
        return labels != null;
    }

    /** The probabilities the final predictions use: TTA when computed, else the original view. */
    public INDArray finalProbabilities() {
        return tta != null ? tta : plain;
    }

    /** Arg-max class of {@link #finalProbabilities()} per example. */
    public int[] predictions() {
        return ProbabilityAverage.of(List.of(finalProbabilities())).predictions();
    }
}
