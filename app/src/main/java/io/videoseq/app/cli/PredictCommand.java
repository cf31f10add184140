package io.videoseq.app.cli;

import io.videoseq.data.io.AtomicFiles;
import io.videoseq.app.io.OutputFiles;
import io.videoseq.training.inference.EnsembleScores;
import io.videoseq.data.FeatureFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code videoseq predict}: per-video class probabilities as CSV. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Writes one CSV row per video: index,true_label,predicted,prob_0,...,prob_{C-1}"
                + " (several models: averaged softmax probabilities).")
public final class PredictCommand implements Callable<Integer> {
    @Mixin
    InferenceOptions options;

    @Option(names = "--out", required = true, paramLabel = "preds.csv", description = "The CSV file.")
    Path out;

    @Option(names = "--force", description = "Replace --out if it exists.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OutputFiles.requireNew(out, "--out", force);
        EnsembleScores s;
        try (FeatureFile file = options.open()) {
            s = options.predictor().score(file, options.batchSize(), options.tta());
        }
        String csv = csv(s.labels(), s.predictions(), s.finalProbabilities());
        AtomicFiles.writeString(out, csv);
        int correct = 0;
        int[] predicted = s.predictions();
        for (int i = 0; i < predicted.length; i++) {
            correct += predicted[i] == s.labels()[i] ? 1 : 0;
        }
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "%d predictions (accuracy %.2f%%) written to %s%n", predicted.length,
                100.0 * correct / predicted.length, out);
        w.flush();
        return 0;
    }

    static String csv(int[] labels, int[] predicted, INDArray probabilities) {
        double[][] p = probabilities.toDoubleMatrix();
        StringBuilder b = new StringBuilder("index,true_label,predicted");
        for (int c = 0; c < p[0].length; c++) {
            b.append(",prob_").append(c);
        }
        b.append('\n');
        for (int i = 0; i < labels.length; i++) {
            b.append(i).append(',').append(labels[i]).append(',').append(predicted[i]);
            for (double v : p[i]) {
                b.append(',').append(String.format(Locale.ROOT, "%.6f", v));
            }
            b.append('\n');
        }
        return b.toString();
    }
}
