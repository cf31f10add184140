package io.videoseq.training.eval;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.videoseq.inference.EnsembleScores;

import io.videoseq.training.metrics.MetricRegistry;
import java.util.List;

/**
 * Test metrics of one model or ensemble, plain and with TTA, and the scores they came from (kept for ensembling,
 * not serialised).
 *
 * @param standard metrics of the original view
 * @param tta      metrics of the four-view averaged probabilities
 * @param scores   the plain and TTA probabilities and the true classes
 */
public record TestReport(
        @JsonProperty("standard") MetricsReport standard,
        @JsonProperty("tta") MetricsReport tta,
        @JsonIgnore EnsembleScores scores) {

    /**
     * Metrics of scores with TTA of a labelled split.
     *
     * @throws IllegalArgumentException when the scores have no labels or no TTA probabilities
     */
    public static TestReport of(EnsembleScores scores) {
        return of(MetricRegistry.builtIn(), scores);
    }

    /** As {@link #of(EnsembleScores)}, with the metrics of {@code registry}. */
    public static TestReport of(MetricRegistry registry, EnsembleScores scores) {
        if (!scores.hasLabels() || scores.tta() == null) {
            throw new IllegalArgumentException("a test report needs labels and TTA probabilities");
        }
        return new TestReport(MetricsReport.of(registry, scores.labels(), scores.plain()),
                MetricsReport.of(registry, scores.labels(), scores.tta()), scores);
    }

    /**
     * The ensemble of several reports on the same split: their scores averaged ({@link EnsembleScores#average}),
     * measured with the first member's metrics.
     */
    public static TestReport average(List<TestReport> members) {
        return of(members.get(0).standard().registry(),
                EnsembleScores.average(members.stream().map(TestReport::scores).toList()));
    }
}
