package io.videoseq.data;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.commons.math3.random.Well19937c;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Minibatches of variable-length videos, like the original collate: features {@code [batch, featureDim, time]}
 * (NCW), feature mask {@code [batch, time]} (1 = real frame, 0 = padding), one-hot labels
 * {@code [batch, numClasses]}; {@code time} is the longest sequence in the batch and shorter ones are
 * zero-padded after their end. No label mask (one label per sequence). A sequential iterator over a split without
 * labels (new videos to classify) delivers {@code null} labels; {@link #training} needs labels.
 * <p>
 * {@link #sequential} reads in file order (validation/test; optional TTA view): batch b holds videos
 * {@code [b*batch, (b+1)*batch)}. {@link #training} draws the epoch's order from a {@link WeightedSampler} and
 * augments each sequence with a generator seeded from (seed, epoch, position), so a batch depends only on
 * (seed, epoch, its position) — not on timing, prefetching, or what was read before. {@link #reset()} rewinds
 * the current epoch; {@link #startEpoch} selects another. Safe to wrap in DL4J's {@code AsyncDataSetIterator}
 * (call {@code startEpoch} before wrapping).
 */
public final class SequenceBatchIterator implements DataSetIterator {
    private static final long serialVersionUID = 1L;

    private final transient VideoSource source;
    private final int batchSize;
    private final DataType dataType;
    private final TtaView view;
    private final transient WeightedSampler sampler;
    private final TemporalAugmentation augmentation;
    private final long seed;
    private final List<String> classNames;
    private int epoch;
    private int[] order;
    private int cursor;
    private DataSetPreProcessor preProcessor;

    private SequenceBatchIterator(VideoSource source, int batchSize, DataType dataType, TtaView view,
                                  WeightedSampler sampler, TemporalAugmentation augmentation, long seed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize: expected >= 1, found " + batchSize);
        }
        if (!dataType.isFPType()) {
            throw new IllegalArgumentException("dataType: expected a floating-point type, found " + dataType);
        }
        this.source = source;
        this.batchSize = batchSize;
        this.dataType = dataType;
        this.view = view;
        this.sampler = sampler;
        this.augmentation = augmentation;
        this.seed = seed;
        this.classNames = List.copyOf(source.categoryMapping().keySet());
    }

    /** File order, no augmentation, ORIGINAL view. */
    public static SequenceBatchIterator sequential(VideoSource source, int batchSize, DataType dataType) {
        return sequential(source, batchSize, dataType, TtaView.ORIGINAL);
    }

    /** File order, no augmentation, every sequence transformed by {@code view}. */
    public static SequenceBatchIterator sequential(VideoSource source, int batchSize, DataType dataType,
                                                  TtaView view) {
        SequenceBatchIterator it = new SequenceBatchIterator(source, batchSize, dataType, view, null, null, 0L);
        int[] order = new int[source.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        it.order = order;
        return it;
    }

    /** Weighted sampling with replacement and augmentation; starts at epoch 0. */
    public static SequenceBatchIterator training(VideoSource source, WeightedSampler sampler,
                                                TemporalAugmentation augmentation, long seed, int batchSize,
                                                DataType dataType) {
        source.requireLabels("training draws videos by class and learns their true classes");
        if (sampler.size() != source.size()) {
            throw new IllegalArgumentException("sampler: expected weights for " + source.size() + " videos, found "
                    + sampler.size());
        }
        SequenceBatchIterator it = new SequenceBatchIterator(source, batchSize, dataType, TtaView.ORIGINAL,
                sampler, augmentation, seed);
        it.startEpoch(0);
        return it;
    }

    /** Selects {@code epoch}'s order (training) and rewinds to its first batch. */
    public void startEpoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch: expected >= 0, found " + epoch);
        }
        this.epoch = epoch;
        if (sampler != null) {
            this.order = sampler.epochOrder(seed, epoch);
        }
        this.cursor = 0;
    }

    public int epoch() {
        return epoch;
    }

    /** The video indices of this epoch, in delivery order (file order for sequential iterators). */
    public int[] order() {
        return order.clone();
    }

    public int numBatches() {
        return (order.length + batchSize - 1) / batchSize;
    }

    @Override
    public boolean hasNext() {
        return cursor < order.length;
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    /** The next {@code num} sequences of the epoch's order (fewer at its end). */
    @Override
    public DataSet next(int num) {
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " has no more batches; call reset() or startEpoch()");
        }
        int from = cursor;
        int n = Math.min(num, order.length - from);
        cursor += n;
        return slice(from, n);
    }

    private DataSet slice(int from, int n) {
        Sequence[] batch = new Sequence[n];
        for (int k = 0; k < n; k++) {
            batch[k] = prepare(from + k);
        }
        DataSet ds = assemble(batch);
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        return ds;
    }

    /**
     * Batch {@code b} (0-based) of the current epoch, exactly as {@link #next()} delivers it in turn (a batch depends
     * only on seed, epoch and position); the cursor does not move. Lets a worker that holds the same file build any
     * batch of an epoch by itself (data-parallel training).
     */
    public DataSet batch(int b) {
        if (b < 0 || b >= numBatches()) {
            throw new IllegalArgumentException("batch: expected 0.." + (numBatches() - 1) + " for epoch " + epoch
                    + ", found " + b);
        }
        int from = b * batchSize;
        return slice(from, Math.min(batchSize, order.length - from));
    }

    private Sequence prepare(int position) {
        Sequence s = source.read(order[position]);
        if (augmentation != null) {
            return augmentation.apply(s, new Well19937c(Seeds.mix(seed, epoch, position, Seeds.AUGMENTATION)));
        }
        return view == TtaView.ORIGINAL ? s : view.apply(s);
    }

    private DataSet assemble(Sequence[] batch) {
        int n = batch.length;
        int classes = source.numClasses();
        PaddedBatch padded = PaddedBatch.of(batch, source.featureDim(), dataType);
        INDArray l = null;
        if (source.hasLabels()) {
            float[] labels = new float[n * classes];
            for (int b = 0; b < n; b++) {
                labels[b * classes + batch[b].label()] = 1f;
            }
            l = Nd4j.create(labels, new long[] {n, classes}, dataType);
        }
        return new DataSet(padded.features(), l, padded.mask(), null);
    }

    @Override
    public int inputColumns() {
        return source.featureDim();
    }

    @Override
    public int totalOutcomes() {
        return source.numClasses();
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return true;
    }

    /** Rewinds the current epoch: the same batches again. */
    @Override
    public void reset() {
        cursor = 0;
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    /** Class names in index order. */
    @Override
    public List<String> getLabels() {
        return new ArrayList<>(classNames);
    }
}
