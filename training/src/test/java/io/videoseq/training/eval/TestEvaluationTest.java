package io.videoseq.training.eval;

import io.videoseq.data.FeatureFileException.Reason;
import io.videoseq.data.Refusals;
import io.videoseq.data.FeatureFileException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.videoseq.data.FeatureFile;
import io.videoseq.data.ReadMode;
import io.videoseq.data.SyntheticDataSpec;
import io.videoseq.data.SyntheticDataWriter;
import io.videoseq.inference.Scorer;
import io.videoseq.model.GraphOptions;
import io.videoseq.model.ModelConfig;
import io.videoseq.model.TemporalModelFactory;
import io.videoseq.training.TrainConfig;
import io.videoseq.training.run.Trainer;
import io.videoseq.training.run.TrainingRequest;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test split's evaluation: the inference module's scorer, plus the labels training insists on. */
class TestEvaluationTest {

    private static final ModelConfig MODEL = ModelConfig.builder().featureDim(6).numClasses(3).hiddenDim(4)
            .numLstmLayers(1).numAttentionHeads(2).headDims(8, 8, 4).build();
    private static final SyntheticDataSpec SPEC = new SyntheticDataSpec(20, 9, 9, 6, 3, 4, 9, "", 5);

    @TempDir
    Path tmp;

    @Test
    void theReportIsTheMetricsOfTheScorersPlainAndTtaProbabilities() throws Exception {
        SyntheticDataWriter.writeFile(tmp.resolve("test.h5"), 9, SPEC);
        ComputationGraph g = TemporalModelFactory.build(MODEL, GraphOptions.defaults().withSeed(3));
        try (FeatureFile test = FeatureFile.open(tmp.resolve("test.h5"), ReadMode.PER_VIDEO)) {
            TestReport r = TestEvaluation.evaluate(g, test, 4);
            var scores = Scorer.of(List.of(g), true).score(test, 4);
            assertEquals(MetricsReport.of(test.labels(), scores.plain()), r.standard());
            assertEquals(MetricsReport.of(test.labels(), scores.tta()), r.tta());
            assertEquals(r.standard(), TestReport.average(List.of(r, r)).standard(), "an ensemble of one model twice");
        }
    }

    @Test
    void evaluationAndTrainingNeedLabelsAndSaySo() throws Exception {
        SyntheticDataWriter.writeUnlabeledFile(tmp.resolve("new.h5"), 7, SPEC);
        ComputationGraph g = TemporalModelFactory.build(MODEL, GraphOptions.defaults());
        try (FeatureFile unlabeled = FeatureFile.open(tmp.resolve("new.h5"), ReadMode.PER_VIDEO)) {
            FeatureFileException e = Refusals.thrown(Reason.UNLABELED,
                    () -> TestEvaluation.evaluate(g, unlabeled, 4));
            assertTrue(e.getMessage().startsWith(tmp.resolve("new.h5") + ": labels: expected a dataset 'labels'"),
                    e.getMessage());
        }

        // training needs the true classes of every split, and says so before reading the features
        Path data = tmp.resolve("data");
        SyntheticDataWriter.write(data, SPEC);
        SyntheticDataWriter.writeUnlabeledFile(data.resolve("val_features.h5"), 9, SPEC);
        FeatureFileException refused = Refusals.thrown(Reason.UNLABELED, () -> Trainer.train(
                TrainingRequest.of(data, tmp.resolve("ckpt"), tmp.resolve("res"), "c", MODEL,
                        TrainConfig.builder().epochs(1).batchSize(8).build())));
        assertTrue(refused.getMessage().startsWith(data.resolve("val_features.h5") + ": labels: "),
                refused.getMessage());
    }
}
