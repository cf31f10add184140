package io.videoseq.video.backbone;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * Compares the weights a file holds with the parameters DL4J's Keras import will allocate for its topology, after
 * the import has built the configuration (no parameters yet) and before the graph is created or any weight is set:
 * every layer with parameters must have weights and every weight a layer; Dense, Conv2D, DepthwiseConv2D and
 * BatchNormalization weights must have exactly the Keras shapes the configuration implies
 * ({@code kernel [nIn, units]}, {@code [kh, kw, nIn, filters]}, …), other layers the same number of values; no layer
 * may exceed {@link BackboneLimits#MAX_WEIGHT_VALUES} parameters nor the model {@link BackboneLimits#MAX_PARAMETERS}.
 * DL4J itself would otherwise allocate what the topology says whatever the file holds, and copy a 5 x 5 kernel into a
 * 3 x 4 Dense layer without a word.
 */
final class WeightCheck {
    private WeightCheck() {
    }

    /**
     * @param conf   the configuration DL4J built from the topology
     * @param shapes layer name → Keras parameter name → Keras shape, as the file holds them
     */
    static void check(ComputationGraphConfiguration conf, Map<String, Map<String, long[]>> shapes, Path file) {
        for (String layer : shapes.keySet()) {
            // DL4J would drop them without a word: a file whose weights name other layers is not this model's.
            if (!(conf.getVertices().get(layer) instanceof LayerVertex)) {
                throw new BackboneException(file + ": weights of layer " + layer + ": expected a layer of that name"
                        + " in the model's topology, found none");
            }
        }
        long total = 0;
        for (Map.Entry<String, GraphVertex> v : conf.getVertices().entrySet()) {
            if (!(v.getValue() instanceof LayerVertex lv) || lv.getLayerConf() == null) {
                continue;
            }
            String name = v.getKey();
            Layer layer = lv.getLayerConf().getLayer();
            long n = layer.initializer().numParams(layer);
            if (n < 0 || n > BackboneLimits.MAX_WEIGHT_VALUES) {
                throw new BackboneException(file + ": layer " + name + ": expected at most "
                        + BackboneLimits.MAX_WEIGHT_VALUES + " parameters, found " + describe(layer)
                        + " (" + n + " parameters)");
            }
            total += n;
            if (total > BackboneLimits.MAX_PARAMETERS) {
                throw new BackboneException(file + ": expected at most " + BackboneLimits.MAX_PARAMETERS
                        + " parameters in all, found more by layer " + name + " (" + describe(layer) + ")");
            }
            Map<String, long[]> given = shapes.get(name);
            if (n == 0) {
                if (given != null && !given.isEmpty()) {
                    throw new BackboneException(file + ": layer " + name + ": expected no weights (" + describe(layer)
                            + " has no parameters), found " + names(given));
                }
                continue;
            }
            if (given == null || given.isEmpty()) {
                throw new BackboneException(file + ": layer " + name + ": expected weights for its " + n
                        + " parameters (" + describe(layer) + "), found none");
            }
            Map<String, long[]> expected = expected(layer);
            if (expected == null) {
                long held = given.values().stream().mapToLong(WeightCheck::count).sum();
                if (held != n) {
                    throw new BackboneException(file + ": layer " + name + ": expected " + n + " weight values ("
                            + describe(layer) + "), found " + held + " in " + names(given));
                }
                continue;
            }
            Set<String> optional = layer instanceof BatchNormalization ? Set.of("gamma", "beta") : Set.of();
            for (Map.Entry<String, long[]> e : expected.entrySet()) {
                long[] found = given.get(e.getKey());
                if (found == null && optional.contains(e.getKey())) {
                    continue;
                }
                if (found == null || !Arrays.equals(found, e.getValue())) {
                    throw new BackboneException(file + ": layer " + name + ": weight " + e.getKey()
                            + ": expected shape " + Arrays.toString(e.getValue()) + " (" + describe(layer) + "), found "
                            + (found == null ? "none among " + names(given) : Arrays.toString(found)));
                }
            }
            for (String k : given.keySet()) {
                if (!expected.containsKey(k)) {
                    throw new BackboneException(file + ": layer " + name + ": weight " + k + ": expected only "
                            + expected.keySet() + " (" + describe(layer) + "), found " + names(given));
                }
            }
        }
    }

    /** The Keras shapes of a layer's weights, or null for layer types compared by count only. */
    private static Map<String, long[]> expected(Layer layer) {
        Map<String, long[]> m = new LinkedHashMap<>();
        if (layer instanceof DepthwiseConvolution2D d) {
            int[] k = d.getKernelSize();
            m.put("depthwise_kernel", new long[] {k[0], k[1], d.getNIn(), d.getDepthMultiplier()});
            if (d.hasBias()) {
                m.put("bias", new long[] {d.getNOut()});
            }
            return m;
        }
        if (layer.getClass() == ConvolutionLayer.class) {
            ConvolutionLayer c = (ConvolutionLayer) layer;
            int[] k = c.getKernelSize();
            m.put("kernel", new long[] {k[0], k[1], c.getNIn(), c.getNOut()});
            if (c.hasBias()) {
                m.put("bias", new long[] {c.getNOut()});
            }
            return m;
        }
        if (layer instanceof DenseLayer d) {
            m.put("kernel", new long[] {d.getNIn(), d.getNOut()});
            if (d.hasBias()) {
                m.put("bias", new long[] {d.getNOut()});
            }
            return m;
        }
        if (layer instanceof BaseOutputLayer o) {
            m.put("kernel", new long[] {o.getNIn(), o.getNOut()});
            if (o.hasBias()) {
                m.put("bias", new long[] {o.getNOut()});
            }
            return m;
        }
        if (layer instanceof BatchNormalization b) {
            for (String k : new String[] {"gamma", "beta", "moving_mean", "moving_variance"}) {
                m.put(k, new long[] {b.getNOut()});
            }
            return m;
        }
        return null;
    }

    private static String describe(Layer layer) {
        String s = layer.getClass().getSimpleName();
        if (layer instanceof ConvolutionLayer c) {
            return s + " " + Arrays.toString(c.getKernelSize()) + " " + c.getNIn() + " -> " + c.getNOut();
        }
        if (layer instanceof org.deeplearning4j.nn.conf.layers.FeedForwardLayer f) {
            return s + " " + f.getNIn() + " -> " + f.getNOut();
        }
        return s;
    }

    private static String names(Map<String, long[]> given) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, long[]> e : given.entrySet()) {
            b.append(b.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(Arrays.toString(e.getValue()));
        }
        return "[" + b + "]";
    }

    private static long count(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}
