package io.videoseq.inference.output;

import io.videoseq.inference.EnsembleScores;
import java.util.List;
import java.util.Locale;

/**
 * The CSV {@code videoseq predict} writes, one row per video in file order:
 * {@code index[,true_label],predicted,predicted_name,prob_0,...,prob_{C-1}[,top1,top1_prob,...,topK,topK_prob]}.
 * {@code true_label} is there only when the feature file has labels (a file of new videos has none); indices are
 * class indices, {@code predicted_name} and {@code topN} class names; {@code topN} is the N-th most probable class
 * (ties: the lower index first), so {@code top1} = {@code predicted_name}. Probabilities have 6 decimals. Names
 * that hold a comma, quote or line break are quoted (RFC 4180).
 */
public final class PredictionsCsv {

    private PredictionsCsv() {
    }

    /**
     * @param classNames by class index, as many as the scores have columns
     * @param topK       0 for no top-k columns, else in {@code [1, classes]}
     */
    public static String of(EnsembleScores scores, List<String> classNames, int topK) {
        double[][] p = scores.finalProbabilities().toDoubleMatrix();
        int classes = p[0].length;
        if (classNames.size() != classes) {
            throw new IllegalArgumentException("classNames: expected " + classes + ", found " + classNames.size());
        }
        if (topK < 0 || topK > classes) {
            throw new IllegalArgumentException("topK: expected 0 (none) or 1.." + classes + ", found " + topK);
        }
        int[] labels = scores.labels();
        int[] predicted = scores.predictions();
        StringBuilder b = new StringBuilder("index");
        b.append(labels != null ? ",true_label" : "").append(",predicted,predicted_name");
        for (int c = 0; c < classes; c++) {
            b.append(",prob_").append(c);
        }
        for (int k = 1; k <= topK; k++) {
            b.append(",top").append(k).append(",top").append(k).append("_prob");
        }
        b.append('\n');
        for (int i = 0; i < p.length; i++) {
            b.append(i);
            if (labels != null) {
                b.append(',').append(labels[i]);
            }
            b.append(',').append(predicted[i]).append(',').append(field(classNames.get(predicted[i])));
            for (double v : p[i]) {
                b.append(',').append(decimal(v));
            }
            int[] order = ranked(p[i]);
            for (int k = 0; k < topK; k++) {
                b.append(',').append(field(classNames.get(order[k]))).append(',').append(decimal(p[i][order[k]]));
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** Class indices by descending probability, ties by ascending index (the arg-max's rule). */
    static int[] ranked(double[] probabilities) {
        return java.util.stream.IntStream.range(0, probabilities.length).boxed()
                .sorted((a, c) -> {
                    int byProbability = Double.compare(probabilities[c], probabilities[a]);
                    return byProbability != 0 ? byProbability : Integer.compare(a, c);
                })
                .mapToInt(Integer::intValue).toArray();
    }

    static String decimal(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }

    static String field(String s) {
        boolean quote = s.chars().anyMatch(ch -> ch == ',' || ch == '"' || ch == '\n' || ch == '\r');
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
