package io.videoseq.video.backbone;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Keras model saved in the TensorFlow.js layers format, read in Java: the {@code modelTopology} (Keras's own
 * model JSON) and the weights of its {@code weightsManifest}, dequantized. Two packagings are read:
 * <ul>
 * <li>{@code model.json} with binary shards ({@code group1-shard1of1.bin}, little-endian), as
 * {@code tensorflowjs_converter} writes them;</li>
 * <li>the same content as JavaScript modules ({@code model.min.js} and {@code group1-shard1of1.min.js} holding
 * the shard as one base64 string), as nsfwjs bundles its models.</li>
 * </ul>
 * Quantized weights ({@code quantization: {dtype: uint8|uint16, scale, min}}) become {@code q * scale + min} in
 * float32, tfjs's own formula. Weights are {@code [layer name -> Keras parameter name -> values]} in Keras shapes.
 */
public final class TfjsLayersModel {
    private static final Pattern MODULE_VALUE = Pattern.compile("\\.exports\\s*=\\s*([{\"'])");

    private final Path file;
    private final List<Path> files;
    private final String kerasJson;
    private final Map<String, Map<String, Weight>> weights;

    /** One weight array: Keras shape and float32 values in C order. */
    public record Weight(long[] shape, float[] values) {
    }

    private TfjsLayersModel(Path file, List<Path> files, String kerasJson, Map<String, Map<String, Weight>> weights) {
        this.file = file;
        this.files = List.copyOf(files);
        this.kerasJson = kerasJson;
        this.weights = weights;
    }

    /** Whether {@code path} looks like a TensorFlow.js layers model (a file or a folder holding one). */
    public static boolean recognizes(Path path) {
        return modelFile(path) != null;
    }

    static Path modelFile(Path path) {
        if (Files.isDirectory(path)) {
            for (String name : List.of("model.json", "model.min.js", "model.js")) {
                if (Files.isRegularFile(path.resolve(name))) {
                    return path.resolve(name);
                }
            }
            return null;
        }
        String name = path.getFileName().toString();
        return Files.isRegularFile(path) && (name.endsWith(".json") || name.endsWith(".js")) ? path : null;
    }

    /** Reads the model at {@code path} (its {@code model.json}/{@code model.min.js}, or a folder holding one). */
    @SuppressWarnings("unchecked")
    public static TfjsLayersModel read(Path path) throws IOException {
        Path model = modelFile(path);
        if (model == null) {
            throw new BackboneException(path + ": expected a TensorFlow.js layers model (model.json or model.min.js,"
                    + " or a folder holding one), found none");
        }
        Map<String, Object> root = asMap(literal(model), model, "the model");
        Map<String, Object> topology = asMap(root.get("modelTopology"), model, "modelTopology");
        List<Object> manifest = (List<Object>) root.get("weightsManifest");
        if (topology == null || manifest == null) {
            throw new BackboneException(model + ": expected a TensorFlow.js layers model with modelTopology and"
                    + " weightsManifest, found keys " + root.keySet());
        }
        String kerasJson = KerasJsonFixes.kerasModelJson(topology, model);
        Map<String, Map<String, Weight>> weights = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>(List.of(model));
        for (Object g : manifest) {
            Map<String, Object> group = asMap(g, model, "a weightsManifest group");
            ByteBuffer data = shardBytes(model.getParent(), (List<Object>) group.get("paths"), model, files);
            for (Object w : (List<Object>) group.get("weights")) {
                Map<String, Object> spec = asMap(w, model, "a weight");
                String name = (String) spec.get("name");
                Weight weight = decode(spec, data, model);
                int slash = name.lastIndexOf('/');
                if (slash < 1) {
                    throw new BackboneException(model + ": weight " + name + ": expected 'layer/parameter', found no"
                            + " '/'");
                }
                // Keras 2 names are layer/param (BatchNormalization: bn/gamma); TF-Keras adds ":0" in h5 files only.
                String layer = name.substring(0, slash);
                String param = name.substring(slash + 1).replaceAll(":\\d+$", "");
                weights.computeIfAbsent(layer, k -> new LinkedHashMap<>()).put(param, weight);
            }
            if (data.hasRemaining()) {
                throw new BackboneException(model + ": weights " + group.get("paths") + ": expected "
                        + data.position() + " bytes, found " + data.limit() + " (" + data.remaining() + " unused)");
            }
        }
        return new TfjsLayersModel(model, files, kerasJson, weights);
    }

    /** The model file read. */
    public Path file() {
        return file;
    }

    /** The model file, then every shard file read, in manifest order: what the model's checksum covers. */
    public List<Path> files() {
        return files;
    }

    /** The Keras model JSON (class_name, config, keras_version, backend) that DL4J's Keras import reads. */
    public String kerasJson() {
        return kerasJson;
    }

    /** Layer name → Keras parameter name ({@code kernel}, {@code gamma}, …) → weight. */
    public Map<String, Map<String, Weight>> weights() {
        return weights;
    }

    /** Total number of weight values. */
    public long parameterCount() {
        long n = 0;
        for (Map<String, Weight> layer : weights.values()) {
            for (Weight w : layer.values()) {
                n += w.values().length;
            }
        }
        return n;
    }

    private static Object literal(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int start = 0;
        if (!file.getFileName().toString().endsWith(".json")) {
            Matcher m = MODULE_VALUE.matcher(text);
            if (!m.find()) {
                throw new BackboneException(file + ": expected a JavaScript module with 'exports = {...}' or"
                        + " 'exports = \"...\"', found none");
            }
            start = m.start(1);
        }
        try {
            return JsLiteral.parse(text, start, file.toString());
        } catch (IllegalArgumentException e) {
            throw new BackboneException(e.getMessage());
        }
    }

    private static ByteBuffer shardBytes(Path dir, List<Object> paths, Path model, List<Path> read)
            throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Object p : paths) {
            String name = (String) p;
            Path bin = dir.resolve(name).normalize();
            if (!bin.startsWith(dir.normalize())) {
                throw new BackboneException(model + ": weight path " + name + ": expected a file beside the model,"
                        + " found one outside its folder");
            }
            if (Files.isRegularFile(bin)) {
                all.write(Files.readAllBytes(bin));
                read.add(bin);
                continue;
            }
            Path js = null;
            for (String ext : List.of(".min.js", ".js")) {
                if (Files.isRegularFile(dir.resolve(name + ext))) {
                    js = dir.resolve(name + ext);
                    break;
                }
            }
            if (js == null) {
                throw new BackboneException(model + ": weight shard " + name + ": expected " + bin + " (or "
                        + name + ".min.js), found neither");
            }
            read.add(js);
            Object value = literal(js);
            if (!(value instanceof String base64)) {
                throw new BackboneException(js + ": expected a base64 string as the module's value, found "
                        + (value == null ? "null" : value.getClass().getSimpleName()));
            }
            try {
                all.write(Base64.getDecoder().decode(base64));
            } catch (IllegalArgumentException e) {
                throw new BackboneException(js + ": expected base64, found " + e.getMessage());
            }
        }
        return ByteBuffer.wrap(all.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
    }

    @SuppressWarnings("unchecked")
    private static Weight decode(Map<String, Object> spec, ByteBuffer data, Path model) {
        String name = (String) spec.get("name");
        List<Object> dims = (List<Object>) spec.get("shape");
        long[] shape = new long[dims.size()];
        long count = 1;
        for (int d = 0; d < shape.length; d++) {
            shape[d] = ((Number) dims.get(d)).longValue();
            count *= shape[d];
        }
        String dtype = String.valueOf(spec.get("dtype"));
        if (!dtype.equals("float32")) {
            throw new BackboneException(model + ": weight " + name + ": expected dtype float32, found " + dtype);
        }
        Map<String, Object> q = (Map<String, Object>) spec.get("quantization");
        String stored = q == null ? "float32" : String.valueOf(q.get("dtype"));
        int bytesPer = switch (stored) {
            case "float32" -> 4;
            case "uint8" -> 1;
            case "uint16" -> 2;
            default -> throw new BackboneException(model + ": weight " + name
                    + ": expected quantization dtype uint8 or uint16, found " + stored);
        };
        if (count * bytesPer > data.remaining()) {
            throw new BackboneException(model + ": weight " + name + ": expected " + count * bytesPer
                    + " bytes, found " + data.remaining() + " left in the shards");
        }
        float[] v = new float[(int) count];
        if (q == null) {
            data.asFloatBuffer().get(v);
            data.position(data.position() + 4 * v.length);
            return new Weight(shape, v);
        }
        if (q.containsKey("original_dtype") || !q.containsKey("scale") || !q.containsKey("min")) {
            throw new BackboneException(model + ": weight " + name + ": expected affine quantization (scale, min),"
                    + " found " + q.keySet());
        }
        float scale = ((Number) q.get("scale")).floatValue();
        float min = ((Number) q.get("min")).floatValue();
        for (int k = 0; k < v.length; k++) {
            int qv = bytesPer == 1 ? Byte.toUnsignedInt(data.get()) : Short.toUnsignedInt(data.getShort());
            v[k] = qv * scale + min;
        }
        return new Weight(shape, v);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value, Path file, String what) {
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new BackboneException(file + ": " + what + ": expected an object, found "
                + (value == null ? "none" : value.getClass().getSimpleName()));
    }

    static String toJson(Object value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("a parsed literal must serialize as JSON", e);
        }
    }
}
