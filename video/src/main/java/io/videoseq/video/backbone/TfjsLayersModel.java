package io.videoseq.video.backbone;

import io.videoseq.core.json.JsonMappers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /**
     * Reads the model at {@code path} (its {@code model.json}/{@code model.min.js}, or a folder holding one). Nothing
     * the file declares is allocated before it is checked: the topology's widths ({@link TopologyCheck}), every
     * weight's shape and dtype against {@link BackboneLimits}, every shard (a plain name inside the model's folder,
     * after symbolic links, listed once) and the bytes all weights declare against the shards' sizes on disk.
     */
    public static TfjsLayersModel read(Path path) throws IOException {
        Path model = modelFile(path);
        if (model == null) {
            throw new BackboneException(path + ": expected a TensorFlow.js layers model (model.json or model.min.js,"
                    + " or a folder holding one), found none");
        }
        Map<String, Object> root = JsonFields.object(literal(model), model, "the model");
        if (!root.containsKey("modelTopology") || !root.containsKey("weightsManifest")) {
            throw new BackboneException(model + ": expected a TensorFlow.js layers model with modelTopology and"
                    + " weightsManifest, found keys " + root.keySet());
        }
        Map<String, Object> topology = JsonFields.object(root.get("modelTopology"), model, "modelTopology");
        List<Object> manifest = JsonFields.array(root.get("weightsManifest"), model, "weightsManifest");
        Map<String, Object> keras = KerasJsonFixes.kerasModel(topology, model);
        TopologyCheck.check(keras, model);
        String kerasJson = toJson(keras);

        Path dir = model.toAbsolutePath().getParent();
        Path realDir = dir.toRealPath();
        Set<Path> seen = new HashSet<>(List.of(model.toRealPath()));
        List<Group> groups = new ArrayList<>();
        Set<String> names = new HashSet<>();
        long values = 0;
        for (int g = 0; g < manifest.size(); g++) {
            String key = "weightsManifest[" + g + "]";
            Map<String, Object> group = JsonFields.object(manifest.get(g), model, key);
            List<Object> paths = JsonFields.array(group.get("paths"), model, key + ".paths");
            List<Object> specs = JsonFields.array(group.get("weights"), model, key + ".weights");
            if (paths.isEmpty() && !specs.isEmpty()) {
                throw new BackboneException(model + ": " + key + ".paths: expected the shard files of "
                        + specs.size() + " weights, found none");
            }
            List<Spec> weights = new ArrayList<>();
            long declared = 0;
            for (int w = 0; w < specs.size(); w++) {
                Spec spec = Spec.of(specs.get(w), model, key + ".weights[" + w + "]");
                if (!names.add(spec.layer + "/" + spec.param)) {
                    throw new BackboneException(model + ": weight " + spec.name + ": expected each weight once,"
                            + " found it again in " + key);
                }
                values += spec.count;
                if (values > BackboneLimits.MAX_PARAMETERS) {
                    throw new BackboneException(model + ": weightsManifest: expected at most "
                            + BackboneLimits.MAX_PARAMETERS + " weight values in all, found more by weight "
                            + spec.name);
                }
                declared += spec.bytes();
                weights.add(spec);
            }
            // A repeated name is refused before any shard is opened (an attacker listed one 4 MiB shard 1,000 times);
            // the real paths below catch two names for one file.
            Set<Object> listed = new HashSet<>();
            for (int k = 0; k < paths.size(); k++) {
                if (!listed.add(paths.get(k))) {
                    throw new BackboneException(model + ": " + key + ".paths[" + k + "]: expected each shard file"
                            + " once, found " + JsonFields.describe(paths.get(k)) + " again");
                }
            }
            List<Shard> shards = new ArrayList<>();
            long held = 0;
            for (int k = 0; k < paths.size(); k++) {
                Shard shard = Shard.resolve(JsonFields.string(paths.get(k), model, key + ".paths[" + k + "]"),
                        dir, realDir, model);
                if (!seen.add(shard.file.toRealPath())) {
                    throw new BackboneException(model + ": " + key + ".paths[" + k + "]: expected each shard file"
                            + " once, found " + shard.name + " again");
                }
                held += shard.size;
                shards.add(shard);
                if (held > declared) {
                    // Refused as soon as the shards hold more than the weights need: a decoded .js shard is held
                    // in memory, so a list of large ones must not pile up before the sum is compared.
                    throw new BackboneException(model + ": " + key + ": expected " + declared + " bytes of weights"
                            + " in shards " + names(paths) + ", found more (" + held + " in the first " + (k + 1)
                            + ")");
                }
            }
            if (held != declared) {
                throw new BackboneException(model + ": " + key + ": expected " + declared + " bytes of weights"
                        + " in shards " + names(paths) + ", found " + held);
            }
            groups.add(new Group(shards, weights));
        }

        Map<String, Map<String, Weight>> read = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>(List.of(model));
        for (Group group : groups) {
            try (InputStream in = group.open(files)) {
                for (Spec spec : group.weights) {
                    read.computeIfAbsent(spec.layer, k -> new LinkedHashMap<>()).put(spec.param, spec.decode(in,
                            model));
                }
            }
        }
        return new TfjsLayersModel(model, files, kerasJson, read);
    }

    /** A manifest's shard list for a message: the first three names, then how many more. */
    private static String names(List<Object> paths) {
        List<Object> first = paths.subList(0, Math.min(3, paths.size()));
        return first + (paths.size() > 3 ? " and " + (paths.size() - 3) + " more" : "");
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
        long size = Files.size(file);
        if (size > BackboneLimits.MAX_MODEL_JSON_BYTES) {
            throw new BackboneException(file + ": expected at most " + BackboneLimits.MAX_MODEL_JSON_BYTES
                    + " bytes, found " + size);
        }
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

    /** The weights of one manifest group and the shards that hold them, in order, checked to hold exactly them. */
    private record Group(List<Shard> shards, List<Spec> weights) {
        /** The shards as one stream; each file read is added to {@code read}. */
        InputStream open(List<Path> read) throws IOException {
            List<InputStream> parts = new ArrayList<>();
            for (Shard s : shards) {
                read.add(s.file);
                parts.add(s.decoded != null ? new ByteArrayInputStream(s.decoded) : Files.newInputStream(s.file));
            }
            return new SequenceInputStream(Collections.enumeration(parts));
        }
    }

    /**
     * One shard file: binary ({@code group1-shard1of1.bin}), whose size is the file's, or a JavaScript module holding
     * base64 ({@code group1-shard1of1.min.js}), decoded here (the file is at most
     * {@link BackboneLimits#MAX_MODEL_JSON_BYTES}).
     */
    private record Shard(String name, Path file, long size, byte[] decoded) {
        static Shard resolve(String name, Path dir, Path realDir, Path model) throws IOException {
            if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.matches(".*\\p{Cntrl}.*")
                    || List.of(name.split("/")).contains("..")) {
                throw new BackboneException(model + ": weight path '" + name.replaceAll("\\p{Cntrl}", "?")
                        + "': expected a"
                        + " file name relative to the model's folder, found an absolute path, '..', a backslash or"
                        + " a control character");
            }
            Path bin = dir.resolve(name);
            if (Files.isRegularFile(bin)) {
                return new Shard(name, inside(bin, realDir, model, name), Files.size(bin), null);
            }
            for (String ext : List.of(".min.js", ".js")) {
                Path js = dir.resolve(name + ext);
                if (Files.isRegularFile(js)) {
                    inside(js, realDir, model, name);
                    Object value = literal(js);
                    if (!(value instanceof String base64)) {
                        throw new BackboneException(js + ": expected a base64 string as the module's value, found "
                                + JsonFields.describe(value));
                    }
                    try {
                        byte[] bytes = Base64.getDecoder().decode(base64);
                        return new Shard(name, js, bytes.length, bytes);
                    } catch (IllegalArgumentException e) {
                        throw new BackboneException(js + ": expected base64, found " + e.getMessage());
                    }
                }
            }
            throw new BackboneException(model + ": weight shard " + name + ": expected " + bin + " (or " + name
                    + ".min.js), found neither");
        }

        /** {@code file}, which must be inside the model's folder once symbolic links are followed. */
        private static Path inside(Path file, Path realDir, Path model, String name) throws IOException {
            if (!file.toRealPath().startsWith(realDir)) {
                throw new BackboneException(model + ": weight path " + name + ": expected a file in the model's"
                        + " folder " + realDir + ", found a link to " + file.toRealPath());
            }
            return file;
        }
    }

    /** One entry of a group's {@code weights}, every field type-checked and its size bounded. */
    private record Spec(String name, String layer, String param, long[] shape, long count, int bytesPer,
            float scale, float min) {
        static Spec of(Object value, Path model, String key) {
            Map<String, Object> spec = JsonFields.object(value, model, key);
            String name = JsonFields.string(spec.get("name"), model, key + ".name");
            int slash = name.lastIndexOf('/');
            if (slash < 1) {
                throw new BackboneException(model + ": weight " + name + ": expected 'layer/parameter', found no"
                        + " '/'");
            }
            List<Object> dims = JsonFields.array(spec.get("shape"), model, key + ".shape (" + name + ")");
            if (dims.size() > 5) {
                throw new BackboneException(model + ": weight " + name + ": expected at most 5 dimensions, found "
                        + dims.size());
            }
            long[] shape = new long[dims.size()];
            long count = 1;
            for (int d = 0; d < shape.length; d++) {
                shape[d] = JsonFields.integer(dims.get(d), model, key + ".shape[" + d + "] (" + name + ")", 1,
                        BackboneLimits.MAX_WEIGHT_VALUES);
                count = BackboneLimits.times(count, shape[d]);
                if (count < 0 || count > BackboneLimits.MAX_WEIGHT_VALUES) {
                    throw new BackboneException(model + ": weight " + name + ": expected at most "
                            + BackboneLimits.MAX_WEIGHT_VALUES + " values, found shape " + Arrays.toString(shape));
                }
            }
            String dtype = JsonFields.string(spec.get("dtype"), model, key + ".dtype (" + name + ")");
            if (!dtype.equals("float32")) {
                throw new BackboneException(model + ": weight " + name + ": expected dtype float32, found " + dtype);
            }
            // Keras 2 names are layer/param (BatchNormalization: bn/gamma); TF-Keras adds ":0" in h5 files only.
            String layer = name.substring(0, slash);
            String param = name.substring(slash + 1).replaceAll(":\\d+$", "");
            if (spec.get("quantization") == null) {
                return new Spec(name, layer, param, shape, count, 4, 1, 0);
            }
            String qkey = key + ".quantization (" + name + ")";
            Map<String, Object> q = JsonFields.object(spec.get("quantization"), model, qkey);
            String stored = JsonFields.string(q.get("dtype"), model, qkey + ".dtype");
            int bytesPer = switch (stored) {
                case "uint8" -> 1;
                case "uint16" -> 2;
                default -> throw new BackboneException(model + ": weight " + name
                        + ": expected quantization dtype uint8 or uint16, found " + stored);
            };
            if (q.containsKey("original_dtype") || !q.containsKey("scale") || !q.containsKey("min")) {
                throw new BackboneException(model + ": weight " + name + ": expected affine quantization (scale,"
                        + " min), found " + q.keySet());
            }
            return new Spec(name, layer, param, shape, count, bytesPer,
                    (float) JsonFields.number(q.get("scale"), model, qkey + ".scale"),
                    (float) JsonFields.number(q.get("min"), model, qkey + ".min"));
        }

        long bytes() {
            return count * bytesPer;
        }

        /** Reads this weight's bytes (the group's sizes were checked) and dequantizes: {@code q * scale + min}. */
        Weight decode(InputStream in, Path model) throws IOException {
            byte[] raw = in.readNBytes((int) bytes());
            if (raw.length != bytes()) {
                throw new BackboneException(model + ": weight " + name + ": expected " + bytes() + " bytes, found "
                        + raw.length + " left in the shards (a shard changed while it was read)");
            }
            ByteBuffer data = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            float[] v = new float[(int) count];
            if (bytesPer == 4) {
                data.asFloatBuffer().get(v);
                return new Weight(shape, v);
            }
            for (int k = 0; k < v.length; k++) {
                int qv = bytesPer == 1 ? Byte.toUnsignedInt(data.get()) : Short.toUnsignedInt(data.getShort());
                v[k] = qv * scale + min;
            }
            return new Weight(shape, v);
        }
    }

    static String toJson(Object value) {
        try {
            return JsonMappers.plain().writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("a parsed literal must serialize as JSON", e);
        }
    }
}
