package io.videoseq.training.eval;

import java.util.List;

/**
 * What an ensemble gains over its members: its accuracy minus theirs, in percentage points. The one computation
 * behind {@code ensemble_final_results.json}'s {@code improvement_over_mean} and the evaluation report's
 * {@code gain_over_members_mean} and per-member {@code ensemble_gain}.
 *
 * @param ensemble    the ensemble's accuracy, %
 * @param membersMean the mean of the members' accuracies, %
 */
public record EnsembleGain(double ensemble, double membersMean) {

    /**
     * @param ensemble the ensemble's accuracy, %
     * @param members  each member's accuracy on the same videos and view, %; at least one
     */
    public static EnsembleGain of(double ensemble, List<Double> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble gain needs at least one member's accuracy");
        }
        return new EnsembleGain(ensemble, members.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
    }

    /** The ensemble's accuracy minus the members' mean, percentage points. */
    public double overMean() {
        return ensemble - membersMean;
    }

    /** The ensemble's accuracy minus one member's, percentage points. */
    public double over(double memberAccuracy) {
        return ensemble - memberAccuracy;
    }
}
