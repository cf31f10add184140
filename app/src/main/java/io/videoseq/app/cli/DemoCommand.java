package io.videoseq.app.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.videoseq.app.plot.ConfusionMatrixPlot;
import io.videoseq.app.report.Evaluation;
import io.videoseq.app.report.ReportFiles;
import io.videoseq.app.report.ReportWriter;
import io.videoseq.data.FeatureFile;
import io.videoseq.data.ReadMode;
import io.videoseq.inference.EnsemblePredictor;
import io.videoseq.app.run.ConsoleCallback;
import io.videoseq.app.run.TrainingInputs;
import io.videoseq.app.run.TrainingRunner;
import io.videoseq.app.run.TrainingSetup;
import io.videoseq.data.SyntheticDataSpec;
import io.videoseq.data.SyntheticDataWriter;
import io.videoseq.model.ModelConfig;
import io.videoseq.training.TrainConfig;
import io.videoseq.training.ensemble.EnsembleResults;
import io.videoseq.training.run.ResumeFrom;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code videoseq demo}: the whole pipeline in a few minutes on a laptop CPU — synthetic data, a small
 * 2-model ensemble with the original's loss, optimizer, schedule and augmentation, TTA evaluation, plots.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generates a synthetic data set, trains a small 2-model ensemble (a few minutes on 2 CPU"
                + " cores), evaluates it with TTA and shows where the results and plots are.")
public final class DemoCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger("videoseq");

    /**
     * The demo's data: 400 videos of 8 features, 4 imbalanced classes, 6 to 24 frames. Few features make the
     * classes overlap enough that the members disagree (~89-94 % test accuracy) and the ensemble visibly helps.
     */
    static final SyntheticDataSpec DATA = new SyntheticDataSpec(240, 80, 80, 8, 4, 6, 24, "", 42);
    /** A small version of the original architecture (same layer types, narrower and shallower). */
    static final ModelConfig MODEL = ModelConfig.builder().featureDim(DATA.featureDim()).numClasses(DATA.numClasses())
            .hiddenDim(32).numLstmLayers(2).numAttentionHeads(4).dropout(0.3).headDims(64, 32, 16).build();

    @Option(names = "--work-dir", defaultValue = "demo-work", paramLabel = "DIR",
            description = "Folder for data, checkpoints and results; a new demo replaces the previous demo's files"
                    + " there (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Option(names = "--epochs", defaultValue = "12", paramLabel = "N",
            description = "Epochs per model (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--num-models", defaultValue = "2", paramLabel = "N",
            description = "Ensemble members (default: ${DEFAULT-VALUE}).")
    int numModels;

    @Spec
    CommandSpec spec;

    /** The original's recipe, shortened: fewer epochs, smaller batches, checkpoints every 5 epochs. */
    TrainConfig training() {
        return TrainConfig.defaults().toBuilder().epochs(epochs).batchSize(16).checkpointEvery(5)
                .readMode(ReadMode.IN_MEMORY).build();
    }

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        Path data = workDir.resolve("data");
        Path results = workDir.resolve("results");
        Files.createDirectories(data);
        LOG.info("demo: writing the synthetic data set to {}", data);
        SyntheticDataWriter.write(data, DATA);
        TrainingInputs inputs = new TrainingInputs(data, null, JsonNodeFactory.instance.objectNode(),
                workDir.resolve("checkpoints"), results, ResumeFrom.replace()); // the demo's own scratch folder
        try (TrainingSetup setup = TrainingSetup.of(inputs, "demo", MODEL, training())) {
            LOG.info("demo: training {} models x {} epochs (model {}, batch {})", numModels, epochs,
                    setup.config().model().toJson(), setup.config().training().batchSize());
            TrainingRunner runner = new TrainingRunner(setup, Duration.ofSeconds(30));
            EnsembleResults r = runner.trainEnsemble(numModels, null);
            Path confusion = results.resolve("ensemble_tta_confusion.png");
            ConfusionMatrixPlot.write(r.ensembleTta().confusion().stream()
                            .map(row -> row.stream().mapToLong(Integer::longValue).toArray()).toArray(long[][]::new),
                    setup.classNames(), "Ensemble + TTA, test split", confusion);

            // the page a user reads after training: the same report `evaluate --out` writes, for the members' best
            // checkpoints on the test split
            ReportFiles report = new ReportFiles(results.resolve("evaluation").resolve("report.json"));
            Files.createDirectories(report.json().getParent());
            EnsemblePredictor members = EnsemblePredictor.load(r.members().stream()
                    .map(m -> Path.of(m.bestCheckpoint())).toList());
            try (FeatureFile test = FeatureFile.open(data.resolve("test_features.h5"), ReadMode.PER_VIDEO)) {
                ReportWriter.write(Evaluation.of(members, test, 32, true, r.ttaHelped(), true), report);
            }

            PrintWriter out = spec.commandLine().getOut();
            out.println();
            EnsembleSummary.print(out, r, results);
            for (EnsembleResults.Member m : r.members()) {
                out.println("dashboard        " + ConsoleCallback.dashboardPath(results, m.modelName()));
            }
            out.println("confusion matrix " + confusion);
            out.println("evaluation page  " + report.html());
            out.println("resource log     " + runner.resourceLog());
            out.println("checkpoints      " + workDir.resolve("checkpoints"));
            out.printf(Locale.ROOT, "demo finished in %.0f s%n", (System.nanoTime() - start) / 1e9);
            out.flush();
            return 0;
        }
    }
}
