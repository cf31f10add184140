package io.videoseq.app.cli;

import io.videoseq.app.UserInputException;
import io.videoseq.app.io.OutputFiles;
import io.videoseq.data.FeatureFile;
import io.videoseq.data.io.AtomicFiles;
import io.videoseq.inference.EnsemblePredictor;
import io.videoseq.inference.EnsembleScores;
import io.videoseq.inference.output.PredictionsCsv;
import io.videoseq.inference.output.SaliencyCsv;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code videoseq predict}: per-video class probabilities as CSV, for labelled files and files of new videos. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Writes one CSV row per video: index,[true_label,]predicted,predicted_name,prob_0,...,"
                + "prob_{C-1}[,top1,top1_prob,...] (true_label when the file has labels; several models: averaged"
                + " softmax probabilities).")
public final class PredictCommand implements Callable<Integer> {
    @Mixin
    InferenceOptions options;

    @Option(names = "--out", required = true, paramLabel = "preds.csv", description = "The CSV file.")
    Path out;

    @Option(names = "--top-k", paramLabel = "K", description = "Add the K most probable classes per video:"
            + " columns top1,top1_prob,...,topK,topK_prob (class names), K in 1..classes.")
    Integer topK;

    @Option(names = "--saliency", paramLabel = "saliency.csv", description = "Also write where the model looked:"
            + " per video its attention-pooling weights over the real frames (original view; several models:"
            + " averaged), columns index,frames,w_0,...")
    Path saliency;

    @Option(names = "--force", description = "Replace --out (and --saliency) if they exist.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OutputFiles.requireNew(out, "--out", force);
        if (saliency != null) {
            OutputFiles.requireNew(saliency, "--saliency", force);
            if (saliency.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
                throw new UserInputException("--saliency: expected a file other than --out, found " + saliency);
            }
        }
        if (topK != null && topK < 1) {
            throw badTopK("an integer >= 1");
        }
        EnsembleScores s;
        List<String> classNames;
        List<double[]> weights;
        try (FeatureFile file = options.open()) {
            // Checked before the models run: K can only be judged against the file's classes.
            if (topK != null && topK > file.numClasses()) {
                throw badTopK("an integer in [1, " + file.numClasses() + "] (the classes of " + file.path() + ")");
            }
            EnsemblePredictor predictor = options.predictor();
            s = predictor.score(file, options.batchSize(), options.tta());
            classNames = predictor.classNames(file);
            weights = saliency == null ? null : predictor.saliency(file, allVideos(file.size()),
                    options.batchSize());
        }
        AtomicFiles.writeString(out, PredictionsCsv.of(s, classNames, topK == null ? 0 : topK));
        if (weights != null) {
            AtomicFiles.writeString(saliency, SaliencyCsv.of(weights));
        }
        int[] predicted = s.predictions();
        PrintWriter w = spec.commandLine().getOut();
        if (s.hasLabels()) {
            int correct = 0;
            for (int i = 0; i < predicted.length; i++) {
                correct += predicted[i] == s.labels()[i] ? 1 : 0;
            }
            w.printf(Locale.ROOT, "%d predictions (accuracy %.2f%%) written to %s%n", predicted.length,
                    100.0 * correct / predicted.length, out);
        } else {
            w.printf(Locale.ROOT, "%d predictions (unlabeled file: no accuracy) written to %s%n", predicted.length,
                    out);
        }
        if (weights != null) {
            w.println("saliency (attention over frames) written to " + saliency);
        }
        w.flush();
        return 0;
    }

    private static int[] allVideos(int n) {
        return java.util.stream.IntStream.range(0, n).toArray();
    }

    private UserInputException badTopK(String expected) {
        return new UserInputException("--top-k: expected " + expected + ", found " + topK);
    }
}
