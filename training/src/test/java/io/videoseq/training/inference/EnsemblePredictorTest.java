package io.videoseq.training.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.videoseq.data.FeatureFile;
import io.videoseq.data.ReadMode;
import io.videoseq.data.SyntheticDataSpec;
import io.videoseq.data.SyntheticDataWriter;
import io.videoseq.data.UnlabeledFileException;
import io.videoseq.training.eval.TestEvaluation;
import io.videoseq.training.metrics.ProbabilityAverage;
import io.videoseq.training.run.Trainer;
import io.videoseq.training.run.TrainingRequest;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Inference as a library: what evaluate/predict print is computed here, from model files and a feature file. */
class EnsemblePredictorTest {

    @TempDir
    Path tmp;

    @Test
    void scoresAreTheMembersAveragedProbabilitiesAndShapesAreChecked() throws Exception {
        TwoMembers two = TwoMembers.train(tmp);
        Path data = two.data();
        EnsemblePredictor ensemble = EnsemblePredictor.load(two.members());
        try (FeatureFile test = FeatureFile.open(data.resolve("test_features.h5"), ReadMode.PER_VIDEO)) {
            EnsembleScores s = ensemble.score(test, 4, true);
            INDArray a = TestEvaluation.ttaProbabilities(ensemble.graphs().get(0), test, 4, DataType.FLOAT);
            INDArray b = TestEvaluation.ttaProbabilities(ensemble.graphs().get(1), test, 4, DataType.FLOAT);
            assertEquals(ProbabilityAverage.of(List.of(a, b)).probabilities(), s.finalProbabilities());
            assertArrayEquals(ProbabilityAverage.of(List.of(a, b)).predictions(), s.predictions());
            assertEquals(9, s.labels().length);
        }

        // New videos without labels: the same probabilities as the labelled file of the same videos, no labels
        SyntheticDataSpec spec = new SyntheticDataSpec(1, 1, 1, 6, 3, 4, 9, "", 8);
        SyntheticDataWriter.writeFile(tmp.resolve("labelled.h5"), 7, spec);
        SyntheticDataWriter.writeUnlabeledFile(tmp.resolve("new.h5"), 7, spec);
        try (FeatureFile labelled = FeatureFile.open(tmp.resolve("labelled.h5"), ReadMode.PER_VIDEO);
             FeatureFile unlabeled = FeatureFile.open(tmp.resolve("new.h5"), ReadMode.PER_VIDEO)) {
            EnsembleScores known = ensemble.score(labelled, 4, true);
            EnsembleScores s = ensemble.score(unlabeled, 4, true);
            assertFalse(s.hasLabels());
            assertNull(s.labels());
            assertEquals(known.plain(), s.plain());
            assertEquals(known.finalProbabilities(), s.finalProbabilities());
            assertArrayEquals(known.predictions(), s.predictions());
            UnlabeledFileException e = assertThrows(UnlabeledFileException.class,
                    () -> TestEvaluation.evaluate(ensemble.graphs().get(0), unlabeled, 4, DataType.FLOAT));
            assertTrue(e.getMessage().startsWith(tmp.resolve("new.h5") + ": labels: expected a dataset 'labels'"),
                    e.getMessage());
        }

        // training needs the true classes of every split, and says so before reading the features
        SyntheticDataWriter.writeUnlabeledFile(data.resolve("val_features.h5"), 9, spec);
        UnlabeledFileException refused = assertThrows(UnlabeledFileException.class, () -> Trainer.train(
                TrainingRequest.of(data, tmp.resolve("ckpt"), tmp.resolve("res"), "c", TwoMembers.MODEL,
                        TwoMembers.CONFIG)));
        assertTrue(refused.getMessage().startsWith(data.resolve("val_features.h5") + ": labels: "),
                refused.getMessage());

        Path wide = tmp.resolve("wide");
        SyntheticDataWriter.write(wide, new SyntheticDataSpec(4, 4, 4, 7, 3, 4, 9, "", 5));
        try (FeatureFile other = FeatureFile.open(wide.resolve("test_features.h5"), ReadMode.PER_VIDEO)) {
            ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> ensemble.score(other, 4, false));
            assertTrue(e.getMessage().contains("best_a.zip") && e.getMessage().contains("feature_dim 7"), e.getMessage());
        }
        assertThrows(NoSuchFileException.class, () -> EnsemblePredictor.load(List.of(tmp.resolve("none.zip"))));
        ComputationGraph one = EnsemblePredictor.loadOne(two.members().get(0));
        assertEquals(6, ModelShape.of(one).featureDim());
        assertEquals(3, ModelShape.of(one).numClasses());
    }
}
