package io.videoseq.training.eval;

import io.videoseq.data.SequenceBatchIterator;
import io.videoseq.data.TtaView;
import io.videoseq.data.VideoSource;
import io.videoseq.training.metrics.ProbabilityAverage;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates a model on a split plainly and with test-time augmentation: the four {@link TtaView}s (original,
 * reversed, sped up, slowed down) each run through the model, and their softmax probabilities are averaged
 * ({@link ProbabilityAverage}) before the arg-max.
 */
public final class TestEvaluation {

    private static final String NEEDS_LABELS = "evaluation compares predictions with the true classes";

    private TestEvaluation() {
    }

    /** Probabilities, labels and loss of the original view, in file order; needs a labelled split. */
    public static Predictions plain(ComputationGraph graph, VideoSource split, int batchSize, DataType dataType) {
        split.requireLabels(NEEDS_LABELS);
        return Predictor.predict(graph, SequenceBatchIterator.sequential(split, batchSize, dataType));
    }

    /** Mean probabilities over the four TTA views, {@code [examples, numClasses]}, in file order; labels not needed. */
    public static INDArray ttaProbabilities(ComputationGraph graph, VideoSource split, int batchSize,
                                            DataType dataType) {
        List<INDArray> views = new ArrayList<>();
        for (TtaView view : TtaView.values()) {
            views.add(Predictor.probabilities(graph,
                    SequenceBatchIterator.sequential(split, batchSize, dataType, view)));
        }
        return ProbabilityAverage.of(views).probabilities();
    }

    /** Plain and TTA metrics of one model. */
    public static TestReport evaluate(ComputationGraph graph, VideoSource split, int batchSize, DataType dataType) {
        split.requireLabels(NEEDS_LABELS);
        Predictions plain = plain(graph, split, batchSize, dataType);
        INDArray tta = ttaProbabilities(graph, split, batchSize, dataType);
        return TestReport.of(plain.probabilities(), tta, plain.labels());
    }
}
