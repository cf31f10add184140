package io.videoseq.app.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.videoseq.training.eval.MetricsReport;
import io.videoseq.inference.output.Mistakes;
import java.util.List;

/**
 * What {@code videoseq evaluate --out report.json} writes (percentages in [0, 100]).
 *
 * @param models     the model files, whose softmax probabilities were averaged
 * @param features   the evaluated feature file
 * @param classNames class names by class id (the file's {@code category_mapping})
 * @param standard   metrics of the original view
 * @param tta        metrics with test-time augmentation, absent without {@code --tta}
 * @param headlineView {@code "tta"} or {@code "standard"}: the view the summary, per-class table, confusion matrix,
 *                     pictures and mistakes show; TTA when computed, unless the ensemble's manifest (or training)
 *                     found that TTA lowered its accuracy
 * @param members    with several models: each one's own metrics beside the ensemble's (absent for one model)
 * @param gainOverMembersMean    ensemble accuracy minus the members' mean accuracy, points (absent for one model)
 * @param gainOverMembersMeanTta the same with TTA (absent without {@code --tta} or for one model)
 * @param misclassified        how many videos the headline predictions got wrong
 * @param mostConfidentMistakes the {@value #LISTED_MISTAKES} most confident of them (all are in the CSV beside the
 *                              report)
 * @param saliencyVideos the videos whose attention over frames the report draws (weights in the saliency CSV);
 *                       absent when none was drawn
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvaluationReport(
        @JsonProperty("models") List<String> models,
        @JsonProperty("features") String features,
        @JsonProperty("class_names") List<String> classNames,
        @JsonProperty("standard") MetricsReport standard,
        @JsonProperty("tta") MetricsReport tta,
        @JsonProperty("headline") String headlineView,
        @JsonProperty("members") List<Member> members,
        @JsonProperty("gain_over_members_mean") Double gainOverMembersMean,
        @JsonProperty("gain_over_members_mean_tta") Double gainOverMembersMeanTta,
        @JsonProperty("misclassified") int misclassified,
        @JsonProperty("most_confident_mistakes") List<Mistakes.Mistake> mostConfidentMistakes,
        @JsonProperty("saliency_videos") List<SaliencyVideo> saliencyVideos) {

    /**
     * A video whose saliency the report draws.
     *
     * @param index          its index in the feature file
     * @param trueLabel      its true class
     * @param predicted      the headline prediction
     * @param topProbability the predicted class's probability
     * @param frames         its length, the number of weights
     * @param why            "most confident mistake" or "confident correct"
     */
    public record SaliencyVideo(@JsonProperty("index") int index, @JsonProperty("true_label") int trueLabel,
                                @JsonProperty("predicted") int predicted,
                                @JsonProperty("top_probability") double topProbability,
                                @JsonProperty("frames") int frames, @JsonProperty("why") String why) {
    }

    /**
     * One member's own metrics.
     *
     * @param model    its model file
     * @param standard metrics of the original view
     * @param tta      with TTA, absent without {@code --tta}
     * @param gain     the ensemble's accuracy minus this member's, points (headline view)
     * @param gainStandard the same in the original view
     * @param gainTta  the same with TTA, absent without {@code --tta}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Member(@JsonProperty("model") String model, @JsonProperty("standard") MetricsReport standard,
                         @JsonProperty("tta") MetricsReport tta, @JsonProperty("ensemble_gain") double gain,
                         @JsonProperty("ensemble_gain_standard") double gainStandard,
                         @JsonProperty("ensemble_gain_tta") Double gainTta) {
    }

    /** How many mistakes the report lists; the CSV has every one. */
    public static final int LISTED_MISTAKES = 10;

    /** The {@link #headlineView} value of a TTA headline. */
    public static final String TTA = "tta";
    /** The {@link #headlineView} value of an original-view headline. */
    public static final String STANDARD = "standard";

    public EvaluationReport {
        if (!TTA.equals(headlineView) && !STANDARD.equals(headlineView)) {
            throw new IllegalArgumentException("headline: expected tta or standard, found " + headlineView);
        }
        if (TTA.equals(headlineView) && tta == null) {
            throw new IllegalArgumentException("headline: tta without TTA metrics");
        }
    }

    /** The metrics the headline and the confusion matrix use. */
    public MetricsReport headline() {
        return headlineIsTta() ? tta : standard;
    }

    public boolean headlineIsTta() {
        return TTA.equals(headlineView);
    }

    /** {@code " (TTA)"} for a TTA headline, else empty: what titles append. */
    public String headlineSuffix() {
        return headlineIsTta() ? " (TTA)" : "";
    }
}
