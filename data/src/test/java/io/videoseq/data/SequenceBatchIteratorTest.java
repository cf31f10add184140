package io.videoseq.data;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.AsyncDataSetIterator;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

class SequenceBatchIteratorTest {
    @TempDir
    Path dir;
    private FeatureFile file;

    @BeforeEach
    void open() {
        file = FeatureFile.open(Resources.copy("features/val_features_multiscale.h5", dir), ReadMode.PER_VIDEO);
    }

    @AfterEach
    void close() {
        file.close();
    }

    private SequenceBatchIterator training(long seed) {
        return SequenceBatchIterator.training(file,
                WeightedSampler.forLabels(file.labels(), ClassWeights.compute(file.labels(), file.numClasses())),
                TemporalAugmentation.defaults(), seed, 7, DataType.FLOAT);
    }

    /** Features [b, F, T] transposed from the sequences, zero padding after each end, mask and one-hot labels. */
    private static void assertBatch(DataSet ds, List<Sequence> seqs) {
        INDArray f = ds.getFeatures();
        int time = seqs.stream().mapToInt(Sequence::length).max().orElseThrow();
        assertArrayEquals(new long[] {seqs.size(), 16, time}, f.shape());
        assertArrayEquals(new long[] {seqs.size(), time}, ds.getFeaturesMaskArray().shape());
        assertArrayEquals(new long[] {seqs.size(), 4}, ds.getLabels().shape());
        assertNull(ds.getLabelsMaskArray());
        for (int b = 0; b < seqs.size(); b++) {
            Sequence s = seqs.get(b);
            for (int t = 0; t < time; t++) {
                assertEquals(t < s.length() ? 1.0 : 0.0, ds.getFeaturesMaskArray().getDouble(b, t));
                for (int d = 0; d < 16; d++) {
                    assertEquals(t < s.length() ? s.value(t, d) : 0.0, f.getDouble(b, d, t), 0.0);
                }
            }
            for (int c = 0; c < 4; c++) {
                assertEquals(c == s.label() ? 1.0 : 0.0, ds.getLabels().getDouble(b, c));
            }
        }
    }

    @Test
    void sequentialBatchesAreFileOrderWithPaddingAndMask() {
        SequenceBatchIterator it = SequenceBatchIterator.sequential(file, 6, DataType.DOUBLE);
        assertEquals(7, it.numBatches());
        assertEquals(List.of("walk", "run", "jump", "fall"), it.getLabels());
        int next = 0;
        while (it.hasNext()) {
            DataSet ds = it.next();
            assertEquals(DataType.DOUBLE, ds.getFeatures().dataType());
            List<Sequence> expected = new ArrayList<>();
            for (int k = 0; k < ds.numExamples(); k++) {
                expected.add(file.read(next++));
            }
            assertBatch(ds, expected);
        }
        assertEquals(40, next);
        assertThrows(java.util.NoSuchElementException.class, it::next);
        it.reset();
        assertEquals(DataType.FLOAT, SequenceBatchIterator.sequential(file, 6, DataType.FLOAT).next()
                .getFeatures().dataType());
    }

    @Test
    void sequentialAppliesTtaView() {
        SequenceBatchIterator it = SequenceBatchIterator.sequential(file, 40, DataType.FLOAT, TtaView.SPEED_DOWN);
        List<Sequence> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            expected.add(TtaView.SPEED_DOWN.apply(file.read(i)));
        }
        assertBatch(it.next(), expected);
        assertFalse(it.hasNext());
    }

    @Test
    void trainingFollowsSamplerOrderAndIsDeterministic() {
        SequenceBatchIterator a = training(3);
        SequenceBatchIterator b = training(3);
        int[] order = a.order();
        assertArrayEquals(WeightedSampler.forLabels(file.labels(),
                ClassWeights.compute(file.labels(), 4)).epochOrder(3, 0), order);
        List<DataSet> first = drain(a);
        assertEquals(6, first.size());
        assertEquals(40, first.stream().mapToInt(DataSet::numExamples).sum());
        assertEqualBatches(first, drain(b));
        a.reset();
        assertEqualBatches(first, drain(a)); // reset replays the epoch
        // labels follow the sampled order
        int k = 0;
        for (DataSet ds : first) {
            for (int r = 0; r < ds.numExamples(); r++) {
                assertEquals(1.0, ds.getLabels().getDouble(r, file.label(order[k++])));
            }
        }
        // augmentation happened somewhere, and epoch 1 differs
        boolean changed = false;
        k = 0;
        for (DataSet ds : first) {
            for (int r = 0; r < ds.numExamples(); r++) {
                changed |= ds.getFeaturesMaskArray().getRow(r).sumNumber().intValue() != file.length(order[k++]);
            }
        }
        assertTrue(changed, "some sequences were subset");
        a.startEpoch(1);
        List<DataSet> epoch1 = drain(a);
        assertFalse(epoch1.get(0).getFeatures().equals(first.get(0).getFeatures()));
        // a resumed run (fresh iterator started at epoch 1) replays the same epoch
        SequenceBatchIterator resumed = training(3);
        resumed.startEpoch(1);
        assertEqualBatches(epoch1, drain(resumed));
        assertFalse(training(4).next().getFeatures().equals(first.get(0).getFeatures()));
    }

    @Test
    void asyncPrefetchGivesIdenticalBatches() {
        List<DataSet> expected = drain(training(9));
        assertTrue(training(9).asyncSupported());
        for (int round = 0; round < 2; round++) {
            SequenceBatchIterator base = training(9);
            DataSetIterator async = new AsyncDataSetIterator(base, 3);
            int i = 0;
            while (async.hasNext()) {
                DataSet ds = async.next();
                assertExact(expected.get(i), ds);
                i++;
            }
            assertEquals(expected.size(), i);
            async.reset();
            assertTrue(async.hasNext());
            assertEquals(expected.get(0).getFeatures(), async.next().getFeatures(), "after reset");
            ((AsyncDataSetIterator) async).shutdown();
        }
    }

    @Test
    void batchByIndexIsWhatNextDeliversInTurn() {
        SequenceBatchIterator it = training(5);
        it.startEpoch(2);
        List<DataSet> expected = drain(it);
        SequenceBatchIterator other = training(5);
        other.startEpoch(2);
        for (int b = expected.size() - 1; b >= 0; b--) {
            assertExact(expected.get(b), other.batch(b));
        }
        assertTrue(other.hasNext(), "batch(b) does not move the cursor");
        assertThrows(IllegalArgumentException.class, () -> other.batch(expected.size()));
    }

    private static List<DataSet> drain(DataSetIterator it) {
        List<DataSet> out = new ArrayList<>();
        while (it.hasNext()) {
            out.add(it.next());
        }
        return out;
    }

    private static void assertEqualBatches(List<DataSet> a, List<DataSet> b) {
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertExact(a.get(i), b.get(i));
        }
    }

    /** Bit-for-bit equality (INDArray.equals allows 1e-5). */
    private static void assertExact(DataSet a, DataSet b) {
        for (INDArray[] pair : new INDArray[][] {{a.getFeatures(), b.getFeatures()},
                {a.getFeaturesMaskArray(), b.getFeaturesMaskArray()}, {a.getLabels(), b.getLabels()}}) {
            assertArrayEquals(pair[0].shape(), pair[1].shape());
            assertArrayEquals(pair[0].dup('c').data().asFloat(), pair[1].dup('c').data().asFloat());
        }
    }
}
