package io.videoseq.video.backbone;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.KerasModel;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasModelBuilder;
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

    static ComputationGraph fromH5(Path h5) {
        // DL4J's Hdf5Archive locks on an object of its own; the bundled HDF5 is not thread-safe, and videoseq's
        // modules lock on the binding's class (docs/DL4J.md): take that too, so a feature file written meanwhile
        // cannot interleave with the import.
        synchronized (org.bytedeco.hdf5.global.hdf5.class) {
            return fromH5Locked(h5);
        }
    }

    private static ComputationGraph fromH5Locked(Path h5) {
        try (KerasModelBuilder b = new KerasModel().modelBuilder()) {
            b.modelHdf5Filename(h5.toString()).enforceTrainingConfig(false);
            @SuppressWarnings("unchecked")
            Map<String, Object> json = new ObjectMapper().readValue(b.getModelJson(), Map.class);
            KerasJsonFixes.floatMaxValues(json);
            b.modelJson(TfjsLayersModel.toJson(json));
            return b.buildModel().getComputationGraph(true);
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
            for (Map.Entry<String, Map<String, TfjsLayersModel.Weight>> e : tfjs.weights().entrySet()) {
                KerasLayer layer = layers.get(e.getKey());
                if (layer == null) {
                    throw new BackboneException(file + ": weights of layer " + e.getKey()
                            + ": expected a layer of that name in modelTopology, found none");
                }
                Map<String, INDArray> arrays = new HashMap<>();
                for (Map.Entry<String, TfjsLayersModel.Weight> w : e.getValue().entrySet()) {
                    arrays.put(w.getKey(), Nd4j.create(w.getValue().values(), w.getValue().shape(), 'c')
                            .castTo(DataType.FLOAT));
                }
                layer.setWeights(arrays);
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
