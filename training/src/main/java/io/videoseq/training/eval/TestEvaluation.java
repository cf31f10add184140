package io.videoseq.training.eval;

import io.videoseq.data.TtaView;
import io.videoseq.data.VideoSource;
import io.videoseq.inference.Scorer;
import org.deeplearning4j.nn.graph.ComputationGraph;

import io.videoseq.training.metrics.MetricRegistry;
import java.util.List;

/**
 * Evaluates a model on a labelled split plainly and with test-time augmentation: the four {@link TtaView}s
 * (original, reversed, sped up, slowed down) each run through the model, and their softmax probabilities are
 * averaged before the arg-max — by the {@link Scorer} that {@code evaluate} and {@code predict} use, in the model's
 * own data type.
 */
public final class TestEvaluation {

    private static final String NEEDS_LABELS = "evaluation compares predictions with the true classes";

    private TestEvaluation() {
    }

    /** Plain and TTA metrics of one model. */
    public static TestReport evaluate(ComputationGraph graph, VideoSource split, int batchSize) {
        return evaluate(MetricRegistry.builtIn(), graph, split, batchSize);
    }

    /** Plain and TTA metrics of {@code registry} of one model. */
    public static TestReport evaluate(MetricRegistry registry, ComputationGraph graph, VideoSource split,
                                      int batchSize) {
        split.requireLabels(NEEDS_LABELS);
        return TestReport.of(registry, Scorer.of(List.of(graph), true).score(split, batchSize));
    }
}
