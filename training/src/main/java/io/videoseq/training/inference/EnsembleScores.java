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
        return average(members(models, split, batchSize, withTta));
    }

    /** Each model's own scores, in order. */
    static List<EnsembleScores> members(List<ComputationGraph> models, VideoSource split, int batchSize,
                                        boolean withTta) {
        int[] labels = split.hasLabels() ? split.labels() : null;
        List<EnsembleScores> out = new ArrayList<>();
        for (ComputationGraph g : models) {
            INDArray plain = Predictor.probabilities(g, SequenceBatchIterator.sequential(split, batchSize,
                    DataType.FLOAT));
            INDArray tta = withTta ? TestEvaluation.ttaProbabilities(g, split, batchSize, DataType.FLOAT) : null;
            out.add(new EnsembleScores(plain, tta, labels));
        }
        return out;
    }

    /** The members' probabilities averaged, view by view: the ensemble's scores. */
    public static EnsembleScores average(List<EnsembleScores> members) {
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
