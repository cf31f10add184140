package io.videoseq.inference;

import io.videoseq.data.Sequence;
import io.videoseq.data.TtaView;
import io.videoseq.inference.manifest.EnsembleManifest;
import io.videoseq.inference.manifest.ManifestException;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import io.videoseq.data.FeatureFileLimits;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;

/**
 * Classifies videos given as feature arrays, for a service that embeds videoseq: load a model zip or an ensemble
 * manifest once, then call {@link #predict(float[][])} from any number of threads.
 *
 * <pre>{@code
 * VideoClassifier classifier = VideoClassifier.load(Path.of("checkpoints/ensemble_ensemble.json")).withTta(true);
 * float[][] frames = extractor.features(video);          // [frames][feature_dim], e.g. 1280 per frame
 * VideoClassifier.Prediction p = classifier.predict(frames);
 * System.out.println(p.predictedName() + " " + p.probability(p.predicted()));
 * }</pre>
 *
 * <p>Probabilities are the members' softmax outputs averaged, and with TTA each member's four views
 * ({@link TtaView}) are averaged first — the {@link Scorer}, which {@code videoseq predict} and {@code evaluate}
 * use too. DL4J's {@code ComputationGraph.output} is {@code synchronized} (a graph keeps its
 * input and mask in its layers while it runs): one shared graph would be safe but would serve one call at a time.
 * So each call borrows a copy of the members from a pool and returns it; the pool grows (by
 * {@code ComputationGraph.clone()}) only when calls overlap, to at most one copy per concurrent caller.
 */
public final class VideoClassifier {

    /**
     * One video's result.
     *
     * @param probabilities per class, summing to 1
     * @param classNames    names by class index
     */
    public record Prediction(float[] probabilities, List<String> classNames) {
        public Prediction {
            probabilities = probabilities.clone();
            classNames = List.copyOf(classNames);
        }

        @Override
        public float[] probabilities() {
            return probabilities.clone();
        }

        public float probability(int classIndex) {
            return probabilities[classIndex];
        }

        /** The most probable class (the lowest index on a tie, as the CLI's arg-max). */
        public int predicted() {
            return topK(1)[0];
        }

        public String predictedName() {
            return classNames.get(predicted());
        }

        /** The {@code k} most probable class indices, most probable first. */
        public int[] topK(int k) {
            if (k < 1 || k > probabilities.length) {
                throw new IllegalArgumentException("k: expected 1.." + probabilities.length + ", found " + k);
            }
            return IntStream.range(0, probabilities.length).boxed()
                    .sorted(Comparator.comparingDouble((Integer c) -> -probabilities[c]).thenComparing(c -> c))
                    .limit(k).mapToInt(Integer::intValue).toArray();
        }
    }

    /**
     * Padded values ({@code videos x longest x featureDim}) one forward pass may take: a list of videos is scored in
     * consecutive batches under this bound (64 Mi floats, 256 MB per member and view), so a call's memory does not
     * grow with the number of videos. Padding is masked, so a video's probabilities do not depend on its batch.
     */
    static final long MAX_BATCH_VALUES = 1L << 26;

    private final List<ComputationGraph> members;
    private final List<String> classNames;
    private final int featureDim;
    private final boolean tta;
    private final int maxFrames;
    private final ConcurrentLinkedQueue<List<ComputationGraph>> idle = new ConcurrentLinkedQueue<>();

    private VideoClassifier(List<ComputationGraph> members, List<String> classNames, boolean tta) {
        this(members, classNames, tta, FeatureFileLimits.DEFAULT_MAX_FRAMES);
    }

    private VideoClassifier(List<ComputationGraph> members, List<String> classNames, boolean tta, int maxFrames) {
        if (maxFrames < 1) {
            throw new IllegalArgumentException("maxFrames: expected >= 1, found " + maxFrames);
        }
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a classifier needs at least one model");
        }
        ModelShape shape = ModelShape.of(members.get(0));
        for (ComputationGraph g : members) {
            ModelShape s = ModelShape.of(g);
            if (!s.equals(shape)) {
                throw new IllegalArgumentException("members disagree: one reads " + shape.featureDim()
                        + " features into " + shape.numClasses() + " classes, another " + s.featureDim() + " into "
                        + s.numClasses());
            }
        }
        if (classNames.size() != shape.numClasses()) {
            throw new IllegalArgumentException("class names: expected " + shape.numClasses() + ", found "
                    + classNames.size() + " " + classNames);
        }
        this.members = List.copyOf(members);
        this.classNames = List.copyOf(classNames);
        this.featureDim = Math.toIntExact(shape.featureDim());
        this.tta = tta;
        this.maxFrames = maxFrames;
        idle.add(this.members);
    }

    /**
     * A model zip (a videoseq checkpoint or an {@code import-torch} output; class names {@code class_0}, …, as a
     * zip does not record them) or an ensemble manifest ({@code .json}: members checked against their SHA-256,
     * its class names, TTA on when its {@code tta_recommended} says so; {@link #withTta} overrides). Loaded through {@link io.videoseq.model.io.ModelZip}, safe for files from someone else.
     *
     * @throws NoSuchFileException               naming a missing file
     * @throws ManifestException                 naming a manifest or member that is refused
     * @throws io.videoseq.model.io.ModelFileException naming a model file that is refused
     */
    public static VideoClassifier load(Path modelOrManifest) throws IOException {
        if (modelOrManifest.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json")) {
            EnsembleManifest manifest = EnsembleManifest.read(modelOrManifest);
            EnsemblePredictor p = EnsemblePredictor.load(modelOrManifest, manifest);
            return new VideoClassifier(p.graphs(), manifest.classNames(), Boolean.TRUE.equals(manifest.ttaRecommended()));
        }
        ComputationGraph g = EnsemblePredictor.loadOne(modelOrManifest);
        return of(List.of(g), defaultNames(ModelShape.of(g).numClasses()));
    }

    /** Graphs already loaded (e.g. through {@link EnsemblePredictor}), with their class names. */
    public static VideoClassifier of(List<ComputationGraph> members, List<String> classNames) {
        return new VideoClassifier(members, classNames, false);
    }

    /** The same members with test-time augmentation on or off (a new pool; the members are shared, read-only). */
    public VideoClassifier withTta(boolean withTta) {
        return new VideoClassifier(members, classNames, withTta, maxFrames);
    }

    /** The same members with other class names (e.g. the feature file's, for a model zip). */
    public VideoClassifier withClassNames(List<String> names) {
        return new VideoClassifier(members, names, tta, maxFrames);
    }

    /**
     * The same members accepting videos of up to {@code frames} frames (default
     * {@value io.videoseq.data.FeatureFileLimits#DEFAULT_MAX_FRAMES}, the feature files' limit): a longer video is
     * refused before anything is copied, as a service bounds what one request may cost.
     */
    public VideoClassifier withMaxFrames(int frames) {
        return new VideoClassifier(members, classNames, tta, frames);
    }

    public int maxFrames() {
        return maxFrames;
    }

    public List<String> classNames() {
        return classNames;
    }

    public int featureDim() {
        return featureDim;
    }

    public boolean tta() {
        return tta;
    }

    public int members() {
        return members.size();
    }

    /** One video: {@code frames[t][f]}, at least one frame of {@link #featureDim()} finite values. */
    public Prediction predict(float[][] frames) {
        return predict(java.util.Collections.singletonList(frames)).get(0);
    }

    /**
     * Several videos of any lengths (each at most {@link #maxFrames()}), in batches of at most
     * {@link #MAX_BATCH_VALUES} padded values per member and view (padding is masked).
     */
    public List<Prediction> predict(List<float[][]> videos) {
        return predict(videos, MAX_BATCH_VALUES);
    }

    /** {@link #predict(List)} with batches of at most {@code batchValues} padded values (at least one video). */
    List<Prediction> predict(List<float[][]> videos, long batchValues) {
        for (int i = 0; i < videos.size(); i++) {
            requireFrames(videos.get(i), i); // every video checked before any is scored
        }
        List<Prediction> out = new ArrayList<>(videos.size());
        int from = 0;
        while (from < videos.size()) {
            int to = from + 1;
            int longest = videos.get(from).length;
            while (to < videos.size()) {
                int l = Math.max(longest, videos.get(to).length);
                if ((long) (to - from + 1) * l * featureDim > batchValues) {
                    break;
                }
                longest = l;
                to++;
            }
            out.addAll(predictBatch(videos.subList(from, to), from));
            from = to;
        }
        return out;
    }

    private List<Prediction> predictBatch(List<float[][]> videos, int first) {
        List<Sequence> sequences = new ArrayList<>(videos.size());
        for (int i = 0; i < videos.size(); i++) {
            sequences.add(toSequence(videos.get(i), first + i));
        }
        List<ComputationGraph> graphs = borrow();
        EnsembleScores scores;
        try {
            scores = Scorer.of(graphs, tta).score(sequences);
        } finally {
            idle.add(graphs);
        }
        double[][] p = scores.finalProbabilities().toDoubleMatrix();
        List<Prediction> out = new ArrayList<>(p.length);
        for (double[] row : p) {
            float[] probs = new float[row.length];
            for (int c = 0; c < row.length; c++) {
                probs[c] = (float) row[c];
            }
            out.add(new Prediction(probs, classNames));
        }
        return out;
    }

    private void requireFrames(float[][] frames, int index) {
        if (frames == null || frames.length == 0) {
            throw new IllegalArgumentException("video " + index + ": expected at least one frame, found none");
        }
        if (frames.length > maxFrames) {
            throw new IllegalArgumentException("video " + index + ": expected at most " + maxFrames
                    + " frames (raise with withMaxFrames), found " + frames.length);
        }
    }

    /**
     * Where the members looked in one video: the attention-pooling weights over its frames (original view, members
     * averaged; see {@link FrameSaliency}), one per frame, summing to 1.
     */
    public double[] saliency(float[][] frames) {
        Sequence s = toSequence(frames, 0);
        List<ComputationGraph> graphs = borrow();
        try {
            return FrameSaliency.of(graphs, new Sequence[] {s}).get(0);
        } finally {
            idle.add(graphs);
        }
    }

    private List<ComputationGraph> borrow() {
        List<ComputationGraph> graphs = idle.poll();
        if (graphs != null) {
            return graphs;
        }
        List<ComputationGraph> copies = new ArrayList<>(members.size());
        for (ComputationGraph g : members) {
            copies.add(g.clone());
        }
        return copies;
    }

    private Sequence toSequence(float[][] frames, int index) {
        requireFrames(frames, index);
        float[] values = new float[frames.length * featureDim];
        for (int t = 0; t < frames.length; t++) {
            if (frames[t] == null || frames[t].length != featureDim) {
                throw new IllegalArgumentException("video " + index + " frame " + t + ": expected " + featureDim
                        + " features, found " + (frames[t] == null ? "null" : frames[t].length));
            }
            for (int f = 0; f < featureDim; f++) {
                float v = frames[t][f];
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("video " + index + " frame " + t + " feature " + f
                            + ": expected a finite value, found " + v);
                }
                values[t * featureDim + f] = v;
            }
        }
        return new Sequence(values, frames.length, featureDim, -1);
    }

    private static List<String> defaultNames(long numClasses) {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < numClasses; c++) {
            names.add("class_" + c);
        }
        return names;
    }
}
