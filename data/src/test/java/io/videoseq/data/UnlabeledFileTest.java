package io.videoseq.data;

import io.videoseq.data.FeatureFileException.Reason;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A file of new videos has no {@code labels} dataset: it reads like the labelled file of the same videos, except
 * where the true classes are asked for, which is refused in one line naming the file and the missing dataset.
 */
class UnlabeledFileTest {
    private static final SyntheticDataSpec SPEC = new SyntheticDataSpec(1, 1, 1, 5, 3, 2, 9, "", 11);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(ReadMode.class)
    void readsLikeTheLabelledFileOfTheSameVideos(ReadMode mode) {
        Path labelled = dir.resolve("labelled.h5");
        Path unlabeled = dir.resolve("new_videos.h5");
        SyntheticDataWriter.writeFile(labelled, 14, SPEC);
        SyntheticDataWriter.writeUnlabeledFile(unlabeled, 14, SPEC);
        try (FeatureFile a = FeatureFile.open(labelled, mode); FeatureFile u = FeatureFile.open(unlabeled, mode)) {
            assertTrue(a.hasLabels());
            assertFalse(u.hasLabels());
            assertEquals(a.size(), u.size());
            assertEquals(a.categoryMapping(), u.categoryMapping());
            assertArrayEquals(a.lengths(), u.lengths());
            for (int i = 0; i < u.size(); i++) {
                assertArrayEquals(a.read(i).values(), u.read(i).values(), "video " + i);
                assertEquals(Sequence.UNLABELED, u.read(i).label());
            }
            assertEquals(0, u.validateAll().length);
            FileSummary s = u.summary();
            assertFalse(s.labelled());
            assertNull(s.classCounts());
            assertEquals(3, s.numClasses());
            assertEquals(a.summary().meanLength(), s.meanLength());
            assertTrue(u.toString().contains("unlabeled"), u.toString());
        }
    }

    @Test
    void theTrueClassesAreRefusedInOneLine() {
        Path file = dir.resolve("new_videos.h5");
        SyntheticDataWriter.writeUnlabeledFile(file, 6, SPEC);
        try (FeatureFile u = FeatureFile.open(file, ReadMode.PER_VIDEO)) {
            Refusals.assertOneLine(Refusals.thrown(Reason.UNLABELED, u::labels), file, "labels", -1,
                    "a dataset 'labels'", "none (an unlabeled file)");
            Refusals.thrown(Reason.UNLABELED, () -> u.label(0));
            FeatureFileException e = Refusals.thrown(Reason.UNLABELED,
                    () -> u.requireLabels("evaluate compares predictions with the true classes"));
            Refusals.assertOneLine(e, file, "labels", -1, "(evaluate compares predictions with the true classes)");
            Refusals.thrown(Reason.UNLABELED, () -> ClassCoverage.requireEveryClass(u));
            Refusals.thrown(Reason.UNLABELED, () -> SequenceBatchIterator.training(u,
                    new WeightedSampler(new double[] {1, 1, 1, 1, 1, 1}), TemporalAugmentation.disabled(), 1, 4,
                    DataType.FLOAT));
        }
    }

    @Test
    void sequentialBatchesCarryNoLabels() {
        Path labelled = dir.resolve("labelled.h5");
        Path unlabeled = dir.resolve("new_videos.h5");
        SyntheticDataWriter.writeFile(labelled, 7, SPEC);
        SyntheticDataWriter.writeUnlabeledFile(unlabeled, 7, SPEC);
        try (FeatureFile a = FeatureFile.open(labelled, ReadMode.PER_VIDEO);
             FeatureFile u = FeatureFile.open(unlabeled, ReadMode.PER_VIDEO)) {
            SequenceBatchIterator ia = SequenceBatchIterator.sequential(a, 4, DataType.FLOAT, TtaView.REVERSE);
            SequenceBatchIterator iu = SequenceBatchIterator.sequential(u, 4, DataType.FLOAT, TtaView.REVERSE);
            int batches = 0;
            while (iu.hasNext()) {
                DataSet du = iu.next();
                DataSet da = ia.next();
                assertNull(du.getLabels());
                assertEquals(da.getFeatures(), du.getFeatures());
                assertEquals(da.getFeaturesMaskArray(), du.getFeaturesMaskArray());
                batches++;
            }
            assertEquals(2, batches);
        }
    }
}
