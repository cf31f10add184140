package io.videoseq.training.eval;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.videoseq.training.metrics.ProbabilityAverage;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * Test metrics of one model or ensemble, plain and with TTA, and the probabilities they came from (kept for
 * ensembling, not serialised).
 *
 * @param standard          metrics of the original view
 * @param tta               metrics of the four-view averaged probabilities
 * @param probabilities     plain probabilities {@code [examples, numClasses]}
 * @param ttaProbabilities  TTA-averaged probabilities {@code [examples, numClasses]}
 * @param labels            true classes
 */
public record TestReport(
        @JsonProperty("standard") MetricsReport standard,
        @JsonProperty("tta") MetricsReport tta,
        @JsonIgnore INDArray probabilities,
        @JsonIgnore INDArray ttaProbabilities,
        @JsonIgnore int[] labels) {

    /** Metrics of the given plain and TTA probabilities. */
    public static TestReport of(INDArray plain, INDArray tta, int[] labels) {
        return new TestReport(MetricsReport.of(labels, plain), MetricsReport.of(labels, tta), plain, tta,
                labels.clone());
    }

    /** The ensemble of several reports on the same split: probabilities averaged member-wise. */
    public static TestReport average(List<TestReport> members) {
        List<INDArray> plain = members.stream().map(TestReport::probabilities).toList();
        List<INDArray> tta = members.stream().map(TestReport::ttaProbabilities).toList();
        return of(ProbabilityAverage.of(plain).probabilities(), ProbabilityAverage.of(tta).probabilities(),
                members.get(0).labels());
    }
}
