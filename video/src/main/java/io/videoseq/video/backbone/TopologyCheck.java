package io.videoseq.video.backbone;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a Keras model JSON (parsed) before DL4J's Keras import builds anything from it: DL4J sizes its parameters and
 * activations from the topology alone, so a 1.5 KB {@code model.json} declaring a Dense layer of 2^30 units cost
 * 20 GB of memory before any weight was compared. Every layer must be an object with a string {@code class_name};
 * widths ({@code units}, {@code filters}, {@code depth_multiplier}, …) must be integers up to
 * {@link BackboneLimits#MAX_WIDTH}, window sizes ({@code kernel_size}, {@code strides}, {@code size}, …) up to
 * {@link BackboneLimits#MAX_WINDOW}, declared input sides up to {@link BackboneLimits#MAX_INPUT_SIDE}. Nested models
 * (a layer whose config has {@code layers}) are checked the same way; the parser already bounds the nesting.
 */
final class TopologyCheck {
    private static final Set<String> WIDTHS = Set.of("units", "filters", "depth_multiplier", "output_dim",
            "input_dim");
    private static final Set<String> WINDOWS = Set.of("kernel_size", "pool_size", "strides", "dilation_rate", "size",
            "cropping", "padding");
    private static final Set<String> SHAPES = Set.of("batch_input_shape", "input_shape", "batch_shape");

    private TopologyCheck() {
    }

    /** {@code model}: {@code {class_name, config}} as Keras writes it ({@code model.to_json()}). */
    static void check(Map<String, Object> model, Path file) {
        JsonFields.string(model.get("class_name"), file, "class_name");
        int[] layers = {0};
        model(model.get("config"), file, "config", layers);
    }

    private static void model(Object config, Path file, String key, int[] count) {
        // Keras 2.2 writes a Sequential's config as the list of its layers, later versions as {name, layers}.
        List<Object> layers = config instanceof List<?> ? JsonFields.array(config, file, key)
                : JsonFields.array(JsonFields.object(config, file, key).get("layers"), file, key + ".layers");
        for (int i = 0; i < layers.size(); i++) {
            if (++count[0] > BackboneLimits.MAX_LAYERS) {
                throw new BackboneException(file + ": " + key + ".layers: expected at most "
                        + BackboneLimits.MAX_LAYERS + " layers, found more");
            }
            String at = key + ".layers[" + i + "]";
            Map<String, Object> layer = JsonFields.object(layers.get(i), file, at);
            JsonFields.string(layer.get("class_name"), file, at + ".class_name");
            Map<String, Object> c = JsonFields.object(layer.get("config"), file, at + ".config");
            Object name = c.containsKey("name") ? c.get("name") : layer.get("name");
            String named = "layer " + (name instanceof String s ? s : at) + ": ";
            for (Map.Entry<String, Object> e : c.entrySet()) {
                Object v = e.getValue();
                if (v == null || v instanceof String || v instanceof Boolean) {
                    continue;
                }
                String k = e.getKey();
                if (WIDTHS.contains(k)) {
                    JsonFields.integer(v, file, named + k, 1, BackboneLimits.MAX_WIDTH);
                } else if (WINDOWS.contains(k)) {
                    sizes(v, file, named + k, 0, BackboneLimits.MAX_WINDOW);
                } else if (SHAPES.contains(k)) {
                    sizes(v, file, named + k, 1, BackboneLimits.MAX_INPUT_SIDE);
                }
            }
            if (c.containsKey("layers")) {
                model(c, file, at + ".config", count);
            }
        }
    }

    /** An integer or a (nested) list of integers and nulls, each in {@code [min, max]}. */
    private static void sizes(Object v, Path file, String key, long min, long max) {
        if (v instanceof List<?> l) {
            for (Object o : l) {
                if (o != null) {
                    sizes(o, file, key, min, max);
                }
            }
            return;
        }
        JsonFields.integer(v, file, key, min, max);
    }
}
