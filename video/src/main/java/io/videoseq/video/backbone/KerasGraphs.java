package io.videoseq.video.backbone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.KerasModel;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasModelBuilder;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasModelUtils;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras models as DL4J graphs through {@code deeplearning4j-modelimport}: from a Keras {@code .h5} file (model and
 * weights) or a {@link TfjsLayersModel}, with the {@link KerasJsonFixes} applied, then cut after the feature
 * layer (every vertex downstream of it removed, so nothing after it runs).
 */
final class KerasGraphs {
    private KerasGraphs() {
    }

    /**
     * The {@code .h5} file's graph: {@link H5Check} reads the model JSON and checks every dataset and attribute DL4J
     * will read, {@link TopologyCheck} the JSON; DL4J builds the configuration from the JSON alone, {@link WeightCheck}
     * compares it with the datasets' shapes, and only then DL4J's {@code Hdf5Archive} reads the weights
     * ({@code KerasModelUtils.importWeights}, what {@code KerasModelBuilder.modelHdf5Filename} would have done in the
     * constructor, on a file now known to fit).
     */
    static ComputationGraph fromH5(Path h5) throws IOException {
        H5Check.Contents c = H5Check.inspect(h5);
        Map<String, Object> json;
        try {
            json = JsonFields.object(JsLiteral.parse(c.modelConfig(), 0, h5 + ": model_config"), h5, "model_config");
        } catch (IllegalArgumentException e) {
            throw new BackboneException(e.getMessage());
        }
        // As KerasModelBuilder.modelHdf5Filename does: the root attributes go into the JSON DL4J reads.
        if (c.kerasVersion() != null) {
            json.put("keras_version", c.kerasVersion());
        }
        if (c.backend() != null) {
            json.put("backend", c.backend());
        }
        KerasJsonFixes.floatMaxValues(json);
        TopologyCheck.check(json, h5);
        try (KerasModelBuilder b = new KerasModel().modelBuilder()) {
            KerasModel model = b.modelJson(TfjsLayersModel.toJson(json)).enforceTrainingConfig(false).buildModel();
            WeightCheck.check(model.getComputationGraphConfiguration(), c.weights(), h5);
            // DL4J's Hdf5Archive locks on an object of its own; the bundled HDF5 is not thread-safe, and videoseq's
            // modules lock on the binding's class (docs/DL4J.md): take that too, so a feature file written
            // meanwhile cannot interleave with the import.
            synchronized (org.bytedeco.hdf5.global.hdf5.class) {
                try (Hdf5Archive archive = new Hdf5Archive(h5.toString())) {
                    KerasModelUtils.importWeights(archive, "model_weights", model.getLayers(),
                            model.getKerasMajorVersion(), model.getKerasBackend());
                }
            }
            return model.getComputationGraph(true);
        } catch (BackboneException e) {
            throw e;
        } catch (Exception | LinkageError e) {
            throw new BackboneException(h5 + ": DL4J's Keras import cannot build this model: " + oneLine(e), e);
        }
    }

    static ComputationGraph fromTfjs(TfjsLayersModel tfjs) {
        Path file = tfjs.file();
        try (KerasModelBuilder b = new KerasModel().modelBuilder()) {
            KerasModel model = b.modelJson(tfjs.kerasJson()).enforceTrainingConfig(false).buildModel();
            Map<String, KerasLayer> layers = model.getLayers();
            Map<String, Map<String, long[]>> shapes = new HashMap<>();
            for (Map.Entry<String, Map<String, TfjsLayersModel.Weight>> e : tfjs.weights().entrySet()) {
                Map<String, long[]> s = new LinkedHashMap<>();
                e.getValue().forEach((k, w) -> s.put(k, w.shape()));
                shapes.put(e.getKey(), s);
            }
            WeightCheck.check(model.getComputationGraphConfiguration(), shapes, file);
            for (Map.Entry<String, Map<String, TfjsLayersModel.Weight>> e : tfjs.weights().entrySet()) {
                Map<String, INDArray> arrays = new HashMap<>();
                for (Map.Entry<String, TfjsLayersModel.Weight> w : e.getValue().entrySet()) {
                    arrays.put(w.getKey(), Nd4j.create(w.getValue().values(), w.getValue().shape(), 'c')
                            .castTo(DataType.FLOAT));
                }
                layers.get(e.getKey()).setWeights(arrays);
            }
            return model.getComputationGraph(true);
        } catch (BackboneException e) {
            throw e;
        } catch (Exception | LinkageError e) {
            throw new BackboneException(file + ": DL4J's Keras import cannot build this model: " + oneLine(e), e);
        }
    }

    /** The graph with {@code layer} as its only output and every vertex after it removed. */
    static ComputationGraph cutAfter(ComputationGraph graph, String layer, Path file) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        if (!conf.getVertices().containsKey(layer)) {
            throw new BackboneException(file + ": --layer " + layer + ": expected a layer of the model, found none"
                    + " (the last layers are " + lastNames(graph) + ")");
        }
        Map<String, Set<String>> consumers = new HashMap<>();
        for (Map.Entry<String, List<String>> e : conf.getVertexInputs().entrySet()) {
            for (String in : e.getValue()) {
                consumers.computeIfAbsent(in, k -> new LinkedHashSet<>()).add(e.getKey());
            }
        }
        Set<String> downstream = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(consumers.getOrDefault(layer, Set.of()));
        while (!todo.isEmpty()) {
            String v = todo.pop();
            if (downstream.add(v)) {
                todo.addAll(consumers.getOrDefault(v, Set.of()));
            }
        }
        if (downstream.isEmpty() && conf.getNetworkOutputs().equals(List.of(layer))) {
            return graph;
        }
        TransferLearning.GraphBuilder b = new TransferLearning.GraphBuilder(graph);
        for (String v : downstream) {
            b.removeVertexAndConnections(v);
        }
        return b.setOutputs(layer).build();
    }

    /**
     * Refuses a graph whose activations for one {@code width} x {@code height} frame would exceed
     * {@link BackboneLimits#MAX_LAYER_ACTIVATION_VALUES} in a layer or {@link BackboneLimits#MAX_ACTIVATION_VALUES} in
     * all, before the first frame runs: a few kilobytes of weights (a 1 x 1
     * convolution to 65,536 channels) can ask for 13 GB of activations at 224 x 224. DL4J's own shape inference
     * answers on a copy of the configuration; a graph it cannot infer is left to the probe frame, which reports it.
     */
    static void checkActivations(ComputationGraph graph, int width, int height, Path file) {
        Map<String, InputType> types;
        try {
            types = graph.getConfiguration().clone().getLayerActivationTypes(
                    InputType.convolutional(height, width, 3, CNN2DFormat.NHWC));
        } catch (RuntimeException e) {
            return;
        }
        long total = 0;
        for (Map.Entry<String, InputType> t : types.entrySet()) {
            long n = t.getValue().arrayElementsPerExample();
            if (n < 0 || n > BackboneLimits.MAX_LAYER_ACTIVATION_VALUES) {
                throw new BackboneException(file + ": layer " + t.getKey() + ": expected at most "
                        + BackboneLimits.MAX_LAYER_ACTIVATION_VALUES + " activation values per " + width + " x "
                        + height + " frame, found " + n + " (" + t.getValue() + ")");
            }
            total += n;
            if (total > BackboneLimits.MAX_ACTIVATION_VALUES) {
                throw new BackboneException(file + ": layer " + t.getKey() + ": expected at most "
                        + BackboneLimits.MAX_ACTIVATION_VALUES + " activation values per " + width + " x " + height
                        + " frame in all layers, found more by this one (" + t.getValue() + ")");
            }
        }
    }

    private static String lastNames(ComputationGraph graph) {
        String[] names = graph.getConfiguration().getTopologicalOrderStr().toArray(String[]::new);
        return String.join(", ", List.of(names).subList(Math.max(0, names.length - 6), names.length));
    }

    static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName()
                : root.getClass().getSimpleName() + ": " + root.getMessage();
        return m.replaceAll("\\s+", " ");
    }

    static String sha256(Path file) throws IOException {
        return io.videoseq.video.Sha256.of(Files.newInputStream(file));
    }
}
