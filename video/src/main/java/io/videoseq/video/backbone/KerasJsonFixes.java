package io.videoseq.video.backbone;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What DL4J 1.0.0-M2.1's Keras import needs changed in a Keras model JSON that Keras itself accepts
 * (docs/DL4J.md, "Keras import"):
 * <ul>
 * <li>{@code keras_version} and {@code backend} at the top level: tfjs keeps them beside {@code model_config},
 * and DL4J cannot tell Keras 1 from 2 without them;</li>
 * <li>{@code ReLU.max_value} as a floating-point number: {@code KerasReLU} casts it to {@code Double}, so the
 * integer {@code 6} that Keras writes for MobileNetV2's ReLU6 throws a {@code ClassCastException}.</li>
 * </ul>
 */
final class KerasJsonFixes {
    private KerasJsonFixes() {
    }

    /** The Keras model (as parsed JSON) of a tfjs {@code modelTopology}, with the fixes above. */
    static Map<String, Object> kerasModel(Map<String, Object> topology, Path file) {
        Object config = topology.containsKey("model_config") ? topology.get("model_config") : topology;
        Map<String, Object> model = new LinkedHashMap<>(JsonFields.object(config, file,
                "modelTopology.model_config"));
        model.putIfAbsent("keras_version", topology.getOrDefault("keras_version", "2.2.4"));
        model.putIfAbsent("backend", topology.getOrDefault("backend", "tensorflow"));
        floatMaxValues(model);
        return model;
    }

    /** The fixes applied to a Keras model JSON as parsed from a {@code .h5} file's {@code model_config}. */
    @SuppressWarnings("unchecked")
    static void floatMaxValues(Object node) {
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> map = (Map<String, Object>) m;
            Object mv = map.get("max_value");
            if (mv instanceof Number n && !(mv instanceof Double)) {
                map.put("max_value", n.doubleValue());
            }
            for (Object v : map.values()) {
                floatMaxValues(v);
            }
        } else if (node instanceof List<?> l) {
            for (Object v : l) {
                floatMaxValues(v);
            }
        }
    }
}
