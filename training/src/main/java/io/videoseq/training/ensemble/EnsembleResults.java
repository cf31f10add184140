package io.videoseq.training.ensemble;

import io.videoseq.training.run.ModelResults;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.videoseq.training.eval.MetricsReport;

import java.util.List;

/**
 * Contents of {@code ensemble_final_results.json}.
 *
 * @param numModels              members
 * @param members                each member's summary
 * @param ensemble               test metrics of the members' averaged softmax probabilities
 * @param ensembleTta            the same with every member's four TTA views averaged first
 * @param membersMeanAccuracy    mean of the members' plain test accuracies, %
 * @param membersMeanTtaAccuracy mean of the members' TTA test accuracies, %
 * @param improvementOverMean    ensemble accuracy minus {@code membersMeanAccuracy}, percentage points
 * @param improvementOverMeanTta ensemble TTA accuracy minus {@code membersMeanTtaAccuracy}, percentage points
 * @param missing                members of the requested ensemble that {@code ensemble --collect} left out (not
 *                               complete), one line each; absent from the file when none was left out, so a
 *                               collected ensemble of every member writes what a full run writes
 */
public record EnsembleResults(
        @JsonProperty("num_models") int numModels,
        @JsonProperty("members") List<Member> members,
        @JsonProperty("ensemble") MetricsReport ensemble,
        @JsonProperty("ensemble_tta") MetricsReport ensembleTta,
        @JsonProperty("members_mean_accuracy") double membersMeanAccuracy,
        @JsonProperty("members_mean_tta_accuracy") double membersMeanTtaAccuracy,
        @JsonProperty("improvement_over_mean") double improvementOverMean,
        @JsonProperty("improvement_over_mean_tta") double improvementOverMeanTta,
        @JsonProperty("missing") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> missing) {

    public EnsembleResults {
        missing = missing == null ? List.of() : List.copyOf(missing);
    }

    /**
     * Whether TTA gave the ensemble at least its plain test accuracy: the manifest's {@code tta_recommended}, and the
     * view an evaluation headlines.
     */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean ttaHelped() {
        return ensembleTta != null && ensemble != null && ensembleTta.accuracy() >= ensemble.accuracy();
    }

    /**
     * One member.
     *
     * @param modelName      its model name
     * @param seed           its seed
     * @param bestEpoch      its best epoch by the run's monitor (validation accuracy by default)
     * @param bestValAcc     that epoch's validation accuracy, %
     * @param stoppedEarly   whether it stopped before the epoch limit
     * @param bestCheckpoint its best checkpoint
     * @param test           its plain test metrics
     * @param testTta        its TTA test metrics
     */
    public record Member(
            @JsonProperty("model_name") String modelName,
            @JsonProperty("seed") long seed,
            @JsonProperty("best_epoch") int bestEpoch,
            @JsonProperty("best_val_acc") double bestValAcc,
            @JsonProperty("stopped_early") boolean stoppedEarly,
            @JsonProperty("best_checkpoint") String bestCheckpoint,
            @JsonProperty("test") MetricsReport test,
            @JsonProperty("test_tta") MetricsReport testTta) {

        public static Member of(ModelResults r) {
            return new Member(r.modelName(), r.seed(), r.bestEpoch(), r.bestValAcc(), r.stoppedEarly(),
                    r.bestCheckpoint(), r.test(), r.testTta());
        }
    }
}
