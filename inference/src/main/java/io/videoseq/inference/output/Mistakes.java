package io.videoseq.inference.output;

import io.videoseq.inference.EnsembleScores;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The misclassified videos of a labelled split, most confident first: what a practitioner reads to see how
 * wrong the model is when it is wrong. From the probabilities the predictions use ({@link
 * EnsembleScores#finalProbabilities()}: TTA when computed).
 */
public final class Mistakes {

    /**
     * One misclassified video.
     *
     * @param index          the video's index in the feature file
     * @param trueLabel      its class
     * @param trueName       its class name
     * @param predicted      the predicted class
     * @param predictedName  its name
     * @param topProbability the predicted class's probability
     * @param margin         that minus the second most probable class's probability (0 for one class)
     * @param trueProbability the probability given to the true class
     */
    public record Mistake(@JsonProperty("index") int index, @JsonProperty("true_label") int trueLabel,
                          @JsonProperty("true_name") String trueName, @JsonProperty("predicted") int predicted,
                          @JsonProperty("predicted_name") String predictedName,
                          @JsonProperty("top_probability") double topProbability,
                          @JsonProperty("margin") double margin,
                          @JsonProperty("true_probability") double trueProbability) {
    }

    private Mistakes() {
    }

    /** Every misclassified video, by descending top probability (ties: file order). */
    public static List<Mistake> of(EnsembleScores scores, List<String> classNames) {
        if (scores.labels() == null) {
            throw new IllegalArgumentException("mistakes need true labels; the scores have none");
        }
        double[][] p = scores.finalProbabilities().toDoubleMatrix();
        int[] labels = scores.labels();
        List<Mistake> out = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            int[] order = PredictionsCsv.ranked(p[i]);
            if (order[0] == labels[i]) {
                continue;
            }
            double second = order.length > 1 ? p[i][order[1]] : 0.0;
            out.add(new Mistake(i, labels[i], classNames.get(labels[i]), order[0], classNames.get(order[0]),
                    p[i][order[0]], order.length > 1 ? p[i][order[0]] - second : 0.0, p[i][labels[i]]));
        }
        out.sort(Comparator.comparingDouble(Mistake::topProbability).reversed()
                .thenComparingInt(Mistake::index));
        return out;
    }

    /** {@code index,true_label,true_name,predicted,predicted_name,top_probability,margin,true_probability}. */
    public static String csv(List<Mistake> mistakes) {
        StringBuilder b = new StringBuilder(
                "index,true_label,true_name,predicted,predicted_name,top_probability,margin,true_probability\n");
        for (Mistake m : mistakes) {
            b.append(m.index()).append(',').append(m.trueLabel()).append(',').append(PredictionsCsv.field(m.trueName()))
                    .append(',').append(m.predicted()).append(',').append(PredictionsCsv.field(m.predictedName()))
                    .append(',').append(PredictionsCsv.decimal(m.topProbability())).append(',').append(PredictionsCsv.decimal(m.margin()))
                    .append(',').append(PredictionsCsv.decimal(m.trueProbability())).append('\n');
        }
        return b.toString();
    }
}
