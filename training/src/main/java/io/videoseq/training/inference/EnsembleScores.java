package io.videoseq.training.inference;

import io.videoseq.data.SequenceBatchIterator;
import io.videoseq.data.VideoSource;
import io.videoseq.training.eval.Predictor;
import io.videoseq.training.eval.TestEvaluation;
import io.videoseq.training.metrics.ProbabilityAverage;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Softmax probabilities of one or more models over a split, in file order; several models are averaged
 * ({@link ProbabilityAverage}), and with TTA each model's four views are averaged first. Made by
 * {@link EnsemblePredictor#score}. A split of new videos without labels is scored too ({@link #hasLabels()}).
 *
 * @param plain  probabilities of the original view {@code [examples, numClasses]}
 * @param tta    TTA probabilities {@code [examples, numClasses]}, or null when not requested
 * @param labels true class per example, or null when the split has no labels
 */
public record EnsembleScores(INDArray plain, INDArray tta, int[] labels) {

    static EnsembleScores score(List<ComputationGraph> models, VideoSource split, int batchSize, boolean withTta) {
        List<INDArray> plain = new ArrayList<>();
        List<INDArray> tta = new ArrayList<>();
        for (ComputationGraph g : models) {
            plain.add(Predictor.probabilities(g, SequenceBatchIterator.sequential(split, batchSize, DataType.FLOAT)));
            if (withTta) {
                tta.add(TestEvaluation.ttaProbabilities(g, split, batchSize, DataType.FLOAT));
            }
        }
        return new EnsembleScores(ProbabilityAverage.of(plain).probabilities(),
                withTta ? ProbabilityAverage.of(tta).probabilities() : null, split.hasLabels() ? split.labels() : null);
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
