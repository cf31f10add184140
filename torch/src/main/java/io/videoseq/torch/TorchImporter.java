package io.videoseq.torch;

import io.videoseq.core.json.JsonMappers;
import io.videoseq.model.GraphNames;
import io.videoseq.model.GraphOptions;
import io.videoseq.model.ModelConfig;
import io.videoseq.model.TemporalModelFactory;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the DL4J graph of a PyTorch {@code TemporalModel} checkpoint exported by
 * {@code tools/export_torch_checkpoint.py}: HDF5 with group {@code state_dict} (one float dataset per PyTorch
 * state_dict key) and root string attribute {@code config} (ModelConfig JSON; omitted keys = defaults). A file
 * exported from an older checkpoint saved without {@code model_config} has none; its configuration is then given
 * by the caller ({@link #load(Path, GraphOptions, ModelConfig, String)}).
 *
 * <p>Conversions: Linear weights {@code [out, in]} are transposed to DL4J's {@code [in, out]}; LSTM gates are
 * reordered and the two PyTorch biases summed ({@link LstmGateLayout}); {@code *_reverse} LSTM parameters go to
 * the backward half ("b" prefix) of the {@code BiLstm} layer, the others to the forward half ("f").
 * Every key of the file must be used and every expected key present, with the exact expected shape.
 */
public final class TorchImporter {

    private static final ObjectMapper JSON = JsonMappers.plain();

    private TorchImporter() {
    }

    /**
     * The model configuration the file records (attribute {@code config}: the checkpoint's {@code model_config};
     * omitted keys = defaults).
     *
     * @throws TorchImportException when the file records none (see {@link #storedConfig}) or an invalid one
     */
    public static ModelConfig readConfig(Path file) throws TorchImportException {
        try (StateDictFile f = StateDictFile.open(file)) {
            return resolve(f, null, null);
        }
    }

    /**
     * The configuration the file records, or empty when it has none: no {@code config} attribute, or an empty
     * object, which is what the exporter writes for an older checkpoint saved without {@code model_config}.
     */
    public static Optional<ModelConfig> storedConfig(Path file) throws TorchImportException {
        try (StateDictFile f = StateDictFile.open(file)) {
            return stored(f);
        }
    }

    /** Builds the graph described by the file's config with {@code options} and loads the file's weights. */
    public static ComputationGraph load(Path file, GraphOptions options) throws TorchImportException {
        return load(file, options, null, null);
    }

    /**
     * Builds the graph of {@code given} (or of the file's config when {@code given} is null) and loads the file's
     * weights. {@code given} is what an older checkpoint saved without {@code model_config} needs; when the file
     * records a config too, the two must be equal.
     *
     * @param givenSource names where {@code given} came from in messages, e.g. the JSON file
     * @throws TorchImportException naming the first key in which {@code given} and the file's config differ, or
     *                              the missing {@code model_config} when neither is there
     */
    public static ComputationGraph load(Path file, GraphOptions options, ModelConfig given, String givenSource)
            throws TorchImportException {
        try (StateDictFile f = StateDictFile.open(file)) {
            ModelConfig config = resolve(f, given, givenSource);
            ComputationGraph graph = TemporalModelFactory.build(config, options);
            copyWeights(f, config, graph);
            return graph;
        }
    }

    /** Loads the weights of {@code file} into {@code graph}, which must have been built from {@code config}. */
    public static void loadInto(Path file, ModelConfig config, ComputationGraph graph) throws TorchImportException {
        try (StateDictFile f = StateDictFile.open(file)) {
            copyWeights(f, config, graph);
        }
    }

    /** PyTorch state_dict keys of {@code TemporalModel(config)} with their shapes, in PyTorch's order. */
    public static Map<String, long[]> expectedShapes(ModelConfig c) {
        Map<String, long[]> m = new LinkedHashMap<>();
        long f = c.featureDim();
        long h = c.hiddenDim();
        long e = c.lstmOutputDim();
        long p = c.poolingHiddenDim();
        linear(m, "input_projection.0", h, f);
        vector(m, "input_projection.1", h);
        for (int k = 0; k < c.numLstmLayers(); k++) {
            for (String suffix : c.bidirectional() ? List.of("", "_reverse") : List.of("")) {
                m.put("lstm.weight_ih_l" + k + suffix, new long[]{4 * h, k == 0 ? h : e});
                m.put("lstm.weight_hh_l" + k + suffix, new long[]{4 * h, h});
                m.put("lstm.bias_ih_l" + k + suffix, new long[]{4 * h});
                m.put("lstm.bias_hh_l" + k + suffix, new long[]{4 * h});
            }
        }
        m.put("attention.in_proj_weight", new long[]{3 * e, e});
        m.put("attention.in_proj_bias", new long[]{3 * e});
        linear(m, "attention.out_proj", e, e);
        vector(m, "attention_norm", e);
        linear(m, "attention_pooling.0", p, e);
        vector(m, "attention_pooling.1", p);
        linear(m, "attention_pooling.4", 1, p);
        long in = e;
        for (int k = 0; k < 3; k++) {
            long out = c.headDims().get(k);
            linear(m, "classifier." + (4 * k), out, in);
            vector(m, "classifier." + (4 * k + 1), out);
            in = out;
        }
        linear(m, "classifier.12", c.numClasses(), in);
        return m;
    }

    private static ModelConfig resolve(StateDictFile f, ModelConfig given, String givenSource)
            throws TorchImportException {
        Optional<ModelConfig> stored = stored(f);
        if (stored.isEmpty() && given == null) {
            throw new TorchImportException(f.path() + ": attribute '" + StateDictFile.CONFIG_ATTRIBUTE
                    + "': expected the checkpoint's model_config (the model's dimensions), found none (a checkpoint"
                    + " saved without model_config); give them with --config model.json (the keys of a run config's"
                    + " \"model\" block)");
        }
        if (given == null) {
            return stored.get();
        }
        if (stored.isPresent()) {
            JsonNode a = JSON.valueToTree(stored.get());
            JsonNode b = JSON.valueToTree(given);
            for (Iterator<String> keys = a.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (!a.get(key).equals(b.get(key))) {
                    throw new TorchImportException(f.path() + ": model_config key " + key + ": the state dict says "
                            + a.get(key) + ", " + givenSource + " says " + b.get(key) + " (they must agree)");
                }
            }
        }
        return given;
    }

    private static Optional<ModelConfig> stored(StateDictFile f) throws TorchImportException {
        String json = f.configJson();
        if (json == null || json.replaceAll("\\s", "").equals("{}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(ModelConfig.fromJson(json));
        } catch (IllegalArgumentException e) {
            throw new TorchImportException(f.path() + ": attribute '" + StateDictFile.CONFIG_ATTRIBUTE + "': "
                    + e.getMessage(), e);
        }
    }

    private static void copyWeights(StateDictFile f, ModelConfig c, ComputationGraph g) throws TorchImportException {
        Map<String, long[]> expected = expectedShapes(c);
        checkKeys(f, expected.keySet());
        Loader in = new Loader(f, expected);
        linear(in, g, "input_projection.0", GraphNames.INPUT_PROJECTION, "W", "b");
        norm(in, g, "input_projection.1", GraphNames.INPUT_PROJECTION);
        int h = c.hiddenDim();
        for (int k = 0; k < c.numLstmLayers(); k++) {
            Layer layer = g.getLayer(GraphNames.lstm(k));
            int n = k == 0 ? h : c.lstmOutputDim();
            if (c.bidirectional()) {
                lstm(in, layer, k, "", "f", h, n);
                lstm(in, layer, k, "_reverse", "b", h, n);
            } else {
                lstm(in, layer, k, "", "", h, n);
            }
        }
        Layer att = g.getLayer(GraphNames.ATTENTION);
        set(att, "Wqkv", in.get("attention.in_proj_weight").transpose());
        set(att, "bqkv", in.row("attention.in_proj_bias"));
        set(att, "Wo", in.get("attention.out_proj.weight").transpose());
        set(att, "bo", in.row("attention.out_proj.bias"));
        norm(in, g, "attention_norm", GraphNames.ATTENTION);
        linear(in, g, "attention_pooling.0", GraphNames.POOLING, "W1", "b1");
        norm(in, g, "attention_pooling.1", GraphNames.POOLING);
        linear(in, g, "attention_pooling.4", GraphNames.POOLING, "W2", "b2");
        for (int k = 0; k < 3; k++) {
            linear(in, g, "classifier." + (4 * k), GraphNames.head(k), "W", "b");
            norm(in, g, "classifier." + (4 * k + 1), GraphNames.head(k));
        }
        linear(in, g, "classifier.12", GraphNames.OUTPUT, "W", "b");
    }

    private static void checkKeys(StateDictFile f, Set<String> expected) throws TorchImportException {
        List<String> found = f.keys();
        for (String key : found) {
            if (!expected.contains(key)) {
                throw new TorchImportException(f.path() + ": dataset '" + StateDictFile.GROUP + "/" + key
                        + "' is not a parameter of TemporalModel with the file's config (unexpected key)");
            }
        }
        Set<String> present = new HashSet<>(found);
        List<String> missing = new ArrayList<>();
        for (String key : expected) {
            if (!present.contains(key)) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            throw new TorchImportException(f.path() + ": dataset '" + StateDictFile.GROUP + "/" + missing.get(0)
                    + "' is missing" + (missing.size() > 1 ? " (and " + (missing.size() - 1) + " more: "
                    + missing.subList(1, Math.min(missing.size(), 6)) + (missing.size() > 6 ? " ..." : "") + ")" : ""));
        }
    }

    private static void lstm(Loader in, Layer layer, int k, String suffix, String prefix, int h, int n)
            throws TorchImportException {
        String s = "_l" + k + suffix;
        set(layer, prefix + "W", LstmGateLayout.weights(in.raw("lstm.weight_ih" + s), h, n));
        set(layer, prefix + "RW", LstmGateLayout.weights(in.raw("lstm.weight_hh" + s), h, h));
        set(layer, prefix + "b", LstmGateLayout.bias(in.raw("lstm.bias_ih" + s), in.raw("lstm.bias_hh" + s), h));
    }

    private static void linear(Loader in, ComputationGraph g, String torch, String layer, String w, String b)
            throws TorchImportException {
        Layer l = g.getLayer(layer);
        set(l, w, in.get(torch + ".weight").transpose());
        set(l, b, in.row(torch + ".bias"));
    }

    private static void norm(Loader in, ComputationGraph g, String torch, String layer) throws TorchImportException {
        Layer l = g.getLayer(layer);
        set(l, "g", in.row(torch + ".weight"));
        set(l, "beta", in.row(torch + ".bias"));
    }

    private static void set(Layer layer, String key, INDArray value) {
        INDArray p = layer.getParam(key);
        String name = layer.conf().getLayer().getLayerName();
        if (p == null) {
            throw new IllegalStateException("layer '" + name + "' has no parameter '" + key + "'");
        }
        if (!Arrays.equals(p.shape(), value.shape()) && p.isVector() && value.isVector()
                && p.length() == value.length()) {
            value = value.reshape(p.shape()); // DL4J keeps some biases as rank 1 [n], others as [1, n]
        }
        if (!Arrays.equals(p.shape(), value.shape())) {
            throw new IllegalStateException("layer '" + name + "' parameter '" + key + "': expected shape "
                    + Arrays.toString(p.shape()) + ", converted PyTorch value has " + Arrays.toString(value.shape()));
        }
        p.assign(value.castTo(p.dataType()));
    }

    private static void linear(Map<String, long[]> m, String prefix, long out, long in) {
        m.put(prefix + ".weight", new long[]{out, in});
        m.put(prefix + ".bias", new long[]{out});
    }

    private static void vector(Map<String, long[]> m, String prefix, long n) {
        m.put(prefix + ".weight", new long[]{n});
        m.put(prefix + ".bias", new long[]{n});
    }

    /** Reads one dataset at a time and checks its shape against the expected PyTorch shape. */
    private record Loader(StateDictFile file, Map<String, long[]> expected) {

        double[] raw(String key) throws TorchImportException {
            StateDictFile.Tensor t = file.read(key);
            long[] want = expected.get(key);
            if (!Arrays.equals(want, t.shape())) {
                throw new TorchImportException(file.path() + ": dataset '" + StateDictFile.GROUP + "/" + key
                        + "': expected shape " + Arrays.toString(want) + ", found " + Arrays.toString(t.shape()));
            }
            return t.values();
        }

        /** The dataset as a DOUBLE matrix in PyTorch orientation. */
        INDArray get(String key) throws TorchImportException {
            double[] v = raw(key);
            return Nd4j.create(v, expected.get(key), 'c').castTo(DataType.DOUBLE);
        }

        /** A 1-d dataset as a DOUBLE row vector {@code [1, n]}. */
        INDArray row(String key) throws TorchImportException {
            double[] v = raw(key);
            return Nd4j.create(v, new long[]{1, v.length}, 'c').castTo(DataType.DOUBLE);
        }
    }
}
