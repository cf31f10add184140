package io.videoseq.video.backbone;

import io.videoseq.video.Backbone;
import io.videoseq.video.BackboneIdentity;
import io.videoseq.video.Preprocessing;
import io.videoseq.video.RgbFrame;
import io.videoseq.video.Sha256;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A Keras image model imported by DL4J as a per-frame feature extractor: the output of one layer (flattened) is
 * the feature vector. Reads a Keras {@code .h5} file (model + weights, {@code model.save}) or a TensorFlow.js
 * layers model ({@link TfjsLayersModel}). Input is NHWC {@code [batch, height, width, 3]} as the
 * {@link Preprocessing} makes it; frames run in batches of {@code batchSize}. {@link #features} is thread-safe
 * (DL4J's {@code output} is synchronized).
 */
public final class KerasBackbone implements Backbone {
    /** Frames per forward pass: MobileNetV2's activations at 224 x 224 are ~20 MB per frame. */
    public static final int DEFAULT_BATCH = 8;

    private final ComputationGraph graph;
    private final BackboneIdentity identity;
    private final int batchSize;

    private KerasBackbone(ComputationGraph graph, BackboneIdentity identity, int batchSize) {
        this.graph = graph;
        this.identity = identity;
        this.batchSize = batchSize;
    }

    /**
     * Loads the model at {@code path} ({@code .h5}/{@code .keras}-less HDF5 file, or a tfjs {@code model.json} /
     * {@code model.min.js} or its folder) and checks its feature size on one blank frame.
     *
     * @param layer the feature layer's name; null for the model's output
     */
    public static KerasBackbone load(Path path, String layer, Preprocessing preprocessing) {
        if (!Files.exists(path)) {
            throw new BackboneException(path + ": expected a backbone model file (Keras .h5, or TensorFlow.js"
                    + " model.json / model.min.js or its folder), found no such file");
        }
        try {
            ComputationGraph graph;
            String format;
            String sha256;
            Path named;
            if (isHdf5(path)) {
                graph = KerasGraphs.fromH5(path);
                format = "keras-h5";
                sha256 = KerasGraphs.sha256(path);
                named = path;
            } else if (TfjsLayersModel.recognizes(path)) {
                TfjsLayersModel tfjs = TfjsLayersModel.read(path);
                graph = KerasGraphs.fromTfjs(tfjs);
                format = "tfjs-layers";
                sha256 = tfjsChecksum(tfjs.files());
                named = tfjs.file();
            } else {
                throw new BackboneException(path + ": expected a Keras .h5 file (HDF5) or a TensorFlow.js layers"
                        + " model (model.json, model.min.js or a folder holding one), found neither");
            }
            String featureLayer = layer != null ? layer : graph.getConfiguration().getNetworkOutputs().get(0);
            graph = KerasGraphs.cutAfter(graph, featureLayer, path);
            KerasGraphs.checkActivations(graph, preprocessing.width(), preprocessing.height(), path);
            KerasBackbone probe = new KerasBackbone(graph, null, DEFAULT_BATCH);
            int dim = probe.probeFeatureDim(preprocessing, path);
            BackboneIdentity id = new BackboneIdentity(format, named.getFileName().toString(), sha256, featureLayer,
                    dim, preprocessing);
            return new KerasBackbone(graph, id, DEFAULT_BATCH);
        } catch (IOException e) {
            throw new BackboneException(path + ": cannot read: " + e, e);
        }
    }

    private static boolean isHdf5(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] sig = in.readNBytes(8);
            return sig.length == 8 && (sig[0] & 0xff) == 0x89 && sig[1] == 'H' && sig[2] == 'D' && sig[3] == 'F';
        }
    }

    /** SHA-256 over the model file, then each shard's file name and bytes, in manifest order. */
    private static String tfjsChecksum(List<Path> files) throws IOException {
        List<InputStream> parts = new ArrayList<>();
        parts.add(Files.newInputStream(files.get(0)));
        for (Path p : files.subList(1, files.size())) {
            parts.add(new ByteArrayInputStream(p.getFileName().toString()
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            parts.add(Files.newInputStream(p));
        }
        return Sha256.of(new SequenceInputStream(Collections.enumeration(parts)));
    }

    private int probeFeatureDim(Preprocessing pre, Path path) {
        RgbFrame blank = new RgbFrame(0, pre.width(), pre.height(), new byte[pre.valuesPerFrame()]);
        try {
            INDArray out = run(List.of(blank), pre);
            return (int) (out.length() / out.size(0));
        } catch (RuntimeException e) {
            throw new BackboneException(path + ": the model does not run on " + pre.width() + " x " + pre.height()
                    + " x 3 (NHWC) input: " + KerasGraphs.oneLine(e), e);
        }
    }

    @Override
    public BackboneIdentity identity() {
        return identity;
    }

    /**
     * Whether the feature layer ends in a softmax: then its values are the backbone's own class scores (what the
     * model's output layer usually is), not the CNN features a temporal model is meant to learn from.
     */
    public boolean featuresAreClassScores() {
        String last = graph.getConfiguration().getNetworkOutputs().get(0);
        if (graph.getConfiguration().getVertices().get(last) instanceof LayerVertex v) {
            Layer layer = v.getLayerConf().getLayer();
            IActivation fn = layer instanceof BaseLayer b ? b.getActivationFn()
                    : layer instanceof ActivationLayer a ? a.getActivationFn() : null;
            return fn instanceof ActivationSoftmax;
        }
        return false;
    }

    /** The DL4J graph (cut after the feature layer). */
    public ComputationGraph graph() {
        return graph;
    }

    @Override
    public float[][] features(List<RgbFrame> frames) {
        float[][] out = new float[frames.size()][];
        for (int start = 0; start < frames.size(); start += batchSize) {
            List<RgbFrame> batch = frames.subList(start, Math.min(frames.size(), start + batchSize));
            INDArray f = run(batch, identity.preprocessing());
            for (int i = 0; i < batch.size(); i++) {
                out[start + i] = f.getRow(i).toFloatVector();
            }
        }
        return out;
    }

    /** Features of preprocessed inputs {@code [n, height, width, 3]} as {@code [n, featureDim]}. */
    public float[][] featuresOfInputs(float[] nhwc, int n) {
        Preprocessing p = identity.preprocessing();
        INDArray in = Nd4j.create(nhwc, new long[] {n, p.height(), p.width(), 3}, 'c');
        INDArray out = graph.outputSingle(false, in);
        INDArray flat = out.reshape(n, out.length() / n).castTo(DataType.FLOAT);
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = flat.getRow(i).toFloatVector();
        }
        // Freed now, not when the collector reaches their small Java objects: a batch's input alone is n x 600 KB,
        // and a run of videos made RSS climb by gigabytes before a collection.
        closeAll(in, out, flat);
        return rows;
    }

    private INDArray run(List<RgbFrame> frames, Preprocessing p) {
        int per = p.valuesPerFrame();
        float[] input = new float[frames.size() * per];
        for (int i = 0; i < frames.size(); i++) {
            p.apply(frames.get(i), input, i * per);
        }
        INDArray in = Nd4j.create(input, new long[] {frames.size(), p.height(), p.width(), 3}, 'c');
        INDArray out = graph.outputSingle(false, in);
        return out.reshape(frames.size(), out.length() / frames.size()).castTo(DataType.FLOAT);
    }

    private static void closeAll(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a != null && a.closeable()) {
                a.close();
            }
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "KerasBackbone[%s]", identity == null ? "?" : identity.describe());
    }
}
