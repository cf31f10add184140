package io.videoseq.inference;

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
import io.videoseq.data.SequenceBatchIterator;
import io.videoseq.data.TtaView;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Inference as a library: what evaluate/predict print is computed here, from model files and a feature file. */
class EnsemblePredictorTest {

    @TempDir
    Path tmp;

    @Test
    void scoresAreTheMembersAveragedProbabilitiesAndShapesAreChecked() throws Exception {
        TwoMembers two = TwoMembers.write(tmp);
        Path data = two.data();
        EnsemblePredictor ensemble = EnsemblePredictor.load(two.members());
        try (FeatureFile test = FeatureFile.open(data.resolve("test_features.h5"), ReadMode.PER_VIDEO)) {
            EnsembleScores s = ensemble.score(test, 4, true);
            // by hand: each member's four views averaged, then the two members
            INDArray want = Nd4j.zeros(DataType.DOUBLE, 9, 3);
            for (ComputationGraph g : ensemble.graphs()) {
                for (TtaView view : TtaView.values()) {
                    want.addi(Scorer.probabilities(g, SequenceBatchIterator.sequential(test, 4, DataType.FLOAT,
                            view)).div(4 * 2));
                }
            }
            assertTrue(want.equalsWithEps(s.finalProbabilities(), 1e-12), s.finalProbabilities() + " vs " + want);
            INDArray plain = Scorer.probabilities(ensemble.graphs().get(0),
                    SequenceBatchIterator.sequential(test, 4, DataType.FLOAT)).add(Scorer.probabilities(
                    ensemble.graphs().get(1), SequenceBatchIterator.sequential(test, 4, DataType.FLOAT))).div(2);
            assertTrue(plain.equalsWithEps(s.plain(), 1e-12));
            assertArrayEquals(ProbabilityAverage.of(List.of(want)).predictions(), s.predictions());
            assertArrayEquals(test.labels(), s.labels());
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
        }

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
