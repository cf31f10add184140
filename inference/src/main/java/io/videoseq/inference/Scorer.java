package io.videoseq.inference;

import io.videoseq.data.PaddedBatch;
import io.videoseq.data.Sequence;
import io.videoseq.data.SequenceBatchIterator;
import io.videoseq.data.TtaView;
import io.videoseq.data.VideoSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one way videoseq turns videos into class probabilities: every member runs every view, each member's views are
 * averaged ({@link ProbabilityAverage}), then the members are. With TTA the views are the four {@link TtaView}s
 * (original, reversed, sped up, slowed down), whose original is also the plain score; without, the original alone.
 * Training's final evaluation, {@code evaluate}, {@code predict}, the ensemble trainer and collector, the report and
 * {@link VideoClassifier} all score through here, so they agree to the last bit on the same batches.
 *
 * <p>Each member is fed its own configured data type (float32 models float32 batches, float64 models float64);
 * probabilities come back as DOUBLE. Inputs are {@code [batch, features, time]} with a mask {@code [batch, time]}
 * (1 = real frame), padding masked, so a video's score does not depend on the others in its batch.
 *
 * <p>A scorer holds graphs, which DL4J runs one call at a time (a graph keeps its input in its layers): one scorer
 * per thread, over its own copies, is what {@link VideoClassifier} does.
 */
public final class Scorer {

    private final List<ComputationGraph> members;
    private final boolean tta;

    private Scorer(List<ComputationGraph> members, boolean tta) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("scoring needs at least one model");
        }
        this.members = List.copyOf(members);
        this.tta = tta;
    }

    /** @param tta whether to score the four TTA views too (the plain score is computed either way) */
    public static Scorer of(List<ComputationGraph> members, boolean tta) {
        return new Scorer(members, tta);
    }

    /** The views each member runs: the four TTA views, or the original alone. */
    public List<TtaView> views() {
        return tta ? Arrays.asList(TtaView.values()) : List.of(TtaView.ORIGINAL);
    }

    /** The ensemble's scores over {@code split}, in file order: {@link EnsembleScores#average} of {@link #members}. */
    public EnsembleScores score(VideoSource split, int batchSize) {
        return EnsembleScores.average(members(split, batchSize));
    }

    /** Each member's own scores over {@code split} in file order, in member order; labels when the split has them. */
    public List<EnsembleScores> members(VideoSource split, int batchSize) {
        int[] labels = split.hasLabels() ? split.labels() : null;
        List<EnsembleScores> out = new ArrayList<>(members.size());
        for (ComputationGraph g : members) {
            List<INDArray> byView = new ArrayList<>();
            for (TtaView view : views()) {
                byView.add(probabilities(g, SequenceBatchIterator.sequential(split, batchSize, dataType(g), view)));
            }
            out.add(member(byView, labels));
        }
        return out;
    }

    /** The ensemble's scores of videos held in memory, all in one padded batch per member and view; no labels. */
    public EnsembleScores score(List<Sequence> videos) {
        if (videos.isEmpty()) {
            throw new IllegalArgumentException("scoring needs at least one video");
        }
        List<EnsembleScores> each = new ArrayList<>(members.size());
        for (ComputationGraph g : members) {
            List<INDArray> byView = new ArrayList<>();
            for (TtaView view : views()) {
                Sequence[] viewed = videos.stream().map(view::apply).toArray(Sequence[]::new);
                PaddedBatch batch = PaddedBatch.of(viewed, viewed[0].featureDim(), dataType(g));
                byView.add(forward(g, batch.features(), batch.mask(), false).probabilities());
            }
            each.add(member(byView, null));
        }
        return EnsembleScores.average(each);
    }

    /**
     * Softmax probabilities {@code [examples, numClasses]} (DOUBLE) of one graph over all remaining batches of
     * {@code batches} (reset first when it supports it). Labels are not read: batches of new videos work too.
     */
    public static INDArray probabilities(ComputationGraph graph, DataSetIterator batches) {
        if (batches.resetSupported()) {
            batches.reset();
        }
        List<INDArray> probs = new ArrayList<>();
        while (batches.hasNext()) {
            DataSet ds = batches.next();
            probs.add(forward(graph, ds.getFeatures(), ds.getFeaturesMaskArray(), false).probabilities());
        }
        if (probs.isEmpty()) {
            throw new IllegalArgumentException("cannot predict: the iterator delivered no examples");
        }
        return Nd4j.vstack(probs.toArray(new INDArray[0]));
    }

    /**
     * One inference-mode forward pass of one batch: the probabilities and, when asked, the logits ({@link Logits}) from
     * the same pass (for a loss without a second pass).
     *
     * @param features {@code [batch, features, time]}
     * @param mask     {@code [batch, time]}, 1 = real frame; null for no padding
     */
    public static Forward forward(ComputationGraph graph, INDArray features, INDArray mask, boolean withLogits) {
        INDArray[] masks = mask == null ? null : new INDArray[] {mask};
        String out = Logits.outputLayer(graph);
        if (!withLogits) {
            INDArray p = graph.output(List.of(out), false, new INDArray[] {features}, masks)[0];
            return new Forward(p.castTo(DataType.DOUBLE), null);
        }
        INDArray[] acts = graph.output(List.of(Logits.inputOf(graph), out), false, new INDArray[] {features}, masks);
        return new Forward(acts[1].castTo(DataType.DOUBLE), Logits.of(graph, acts[0]));
    }

    /**
     * What one forward pass gives.
     *
     * @param probabilities {@code [batch, numClasses]}, DOUBLE
     * @param logits        {@code [batch, numClasses]} in the graph's data type, or null when not asked
     */
    public record Forward(INDArray probabilities, INDArray logits) {
    }

    /** The data type a graph computes in, which its input is given in. */
    static DataType dataType(ComputationGraph graph) {
        return graph.getConfiguration().getDataType();
    }

    /** One member's scores from its views' probabilities ({@link #views()} order, the original first). */
    private EnsembleScores member(List<INDArray> byView, int[] labels) {
        INDArray plain = byView.get(0);
        INDArray withTta = tta ? ProbabilityAverage.of(byView).probabilities() : null;
        return new EnsembleScores(plain, withTta, labels);
    }
}
