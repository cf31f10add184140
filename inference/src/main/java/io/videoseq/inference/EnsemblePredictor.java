package io.videoseq.inference;

import io.videoseq.data.VideoSource;
import io.videoseq.inference.manifest.EnsembleManifest;
import io.videoseq.inference.manifest.ManifestException;
import io.videoseq.model.io.ModelZip;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Inference with one model or an ensemble, as a library: load model zips (videoseq checkpoints or import-torch
 * outputs) through {@link ModelZip} — safe for files from someone else —, check they fit a feature file, and
 * score it plainly and with test-time augmentation, the members' softmax probabilities averaged. The command
 * line's {@code evaluate} and {@code predict} are this class plus printing; the scores come from the {@link Scorer}.
 *
 * <pre>{@code
 * EnsemblePredictor ensemble = EnsemblePredictor.load(List.of(Path.of("best_m1.zip"), Path.of("best_m2.zip")));
 * try (FeatureFile test = FeatureFile.open(Path.of("test_features.h5"), ReadMode.PER_VIDEO)) {
 *     EnsembleScores s = ensemble.score(test, 48, true);   // [videos, classes], TTA
 *     int[] predicted = s.predictions();
 * }
 * }</pre>
 */
public final class EnsemblePredictor {

    private final List<Path> files;
    private final List<ComputationGraph> graphs;
    private final List<String> classNames;
    private final Path manifestFile;

    private EnsemblePredictor(List<Path> files, List<ComputationGraph> graphs, List<String> classNames,
                              Path manifestFile) {
        this.files = List.copyOf(files);
        this.graphs = List.copyOf(graphs);
        this.classNames = List.copyOf(classNames);
        this.manifestFile = manifestFile;
    }

    /**
     * Loads every model for inference (no updater state).
     *
     * @throws NoSuchFileException               naming a missing file
     * @throws io.videoseq.model.io.ModelFileException naming the file and entry of a file that is refused
     */
    public static EnsemblePredictor load(List<Path> modelFiles) throws NoSuchFileException {
        if (modelFiles.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one model file");
        }
        List<ComputationGraph> graphs = new ArrayList<>();
        for (Path f : modelFiles) {
            graphs.add(loadOne(f));
        }
        return new EnsemblePredictor(modelFiles, graphs, List.of(), null);
    }

    /**
     * The members a manifest names: paths confined to its folder and each file's SHA-256 checked before any is
     * loaded (see {@link EnsembleManifest}).
     *
     * @throws ManifestException naming the manifest and the member
     */
    public static EnsemblePredictor load(Path manifestFile, EnsembleManifest manifest) throws java.io.IOException {
        manifest.verify(manifestFile);
        EnsemblePredictor members = load(manifest.files(manifestFile));
        return new EnsemblePredictor(members.files, members.graphs, manifest.classNames(), manifestFile);
    }

    /** One model zip for inference, through {@link ModelZip}. */
    public static ComputationGraph loadOne(Path modelFile) throws NoSuchFileException {
        if (!Files.isRegularFile(modelFile)) {
            throw new NoSuchFileException(modelFile.toString());
        }
        return ModelZip.load(modelFile, false);
    }

    public List<Path> files() {
        return files;
    }

    public List<ComputationGraph> graphs() {
        return graphs;
    }

    /**
     * Checks every member reads {@code split}'s feature width and predicts its classes.
     *
     * @throws ShapeMismatchException naming the model file and the feature file
     */
    public void requireFits(VideoSource split) {
        for (int i = 0; i < graphs.size(); i++) {
            ModelShape.of(graphs.get(i)).requireFits(files.get(i), split.path(), split.featureDim(),
                    split.numClasses());
        }
    }

    /**
     * The names of the classes the predictions are indices of: the manifest's {@code class_names} (what the
     * members were trained on) when the ensemble came from a manifest that has them, else {@code split}'s
     * {@code category_mapping} (a model zip records no class names).
     *
     * @throws ManifestException when the manifest names another number of classes than {@code split} has
     */
    public List<String> classNames(VideoSource split) {
        if (classNames.isEmpty()) {
            return split.classNames();
        }
        if (classNames.size() != split.numClasses()) {
            throw new ManifestException(manifestFile + ": class_names: expected " + split.numClasses()
                    + " names (the classes of " + split.path() + "), found " + classNames.size());
        }
        return classNames;
    }

    /** The members' averaged probabilities over {@code split} in file order, with TTA when asked; checks fit first. */
    public EnsembleScores score(VideoSource split, int batchSize, boolean withTta) {
        requireFits(split);
        return Scorer.of(graphs, withTta).score(split, batchSize);
    }

    /**
     * Each member's own scores over {@code split}, in {@link #files()} order; {@link EnsembleScores#average} of them
     * is {@link #score}. For reports that put every member beside the ensemble.
     */
    public List<EnsembleScores> scoreMembers(VideoSource split, int batchSize, boolean withTta) {
        requireFits(split);
        return Scorer.of(graphs, withTta).members(split, batchSize);
    }

    /**
     * The members' averaged attention-pooling weights for the videos {@code indices} of {@code split} (see
     * {@link FrameSaliency}): one weight per real frame; checks fit first.
     */
    public List<double[]> saliency(VideoSource split, int[] indices, int batchSize) {
        requireFits(split);
        return FrameSaliency.of(graphs, split, indices, batchSize);
    }
}
