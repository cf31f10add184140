package io.videoseq.model.layers;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitXavierUniform;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link ParamInitializer} driven by a {@link SpecLayer}'s {@link ParamSpec} list: parameters are consecutive
 * segments of the layer's flattened parameter view, in spec order, each reshaped in 'f' order (as DL4J's
 * {@code DefaultParamInitializer} does), so the returned arrays are views into the network's parameter vector.
 */
public final class SpecParamInitializer implements ParamInitializer {

    public static final SpecParamInitializer INSTANCE = new SpecParamInitializer();

    private SpecParamInitializer() {
    }

    private static List<ParamSpec> specs(Layer layer) {
        if (!(layer instanceof SpecLayer)) {
            throw new IllegalArgumentException("SpecParamInitializer: expected a SpecLayer, found "
                    + (layer == null ? "null" : layer.getClass().getName()));
        }
        return ((SpecLayer) layer).paramSpecs();
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        long n = 0;
        for (ParamSpec s : specs(layer)) {
            n += s.length();
        }
        return n;
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        List<String> keys = new ArrayList<>();
        for (ParamSpec s : specs(layer)) {
            keys.add(s.key());
        }
        return Collections.unmodifiableList(keys);
    }

    private static List<String> keysOf(Layer layer, ParamSpec.Kind kind) {
        List<String> keys = new ArrayList<>();
        for (ParamSpec s : specs(layer)) {
            if (s.kind() == kind) {
                keys.add(s.key());
            }
        }
        return Collections.unmodifiableList(keys);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return keysOf(layer, ParamSpec.Kind.WEIGHT);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return keysOf(layer, ParamSpec.Kind.BIAS);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return weightKeys(layer).contains(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return biasKeys(layer).contains(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        Layer layer = conf.getLayer();
        Map<String, INDArray> views = slice(layer, paramsView);
        IWeightInit weightInit = layer instanceof SpecLayer && ((SpecLayer) layer).getWeightInitFn() != null
                ? ((SpecLayer) layer).getWeightInitFn() : new WeightInitXavierUniform();
        Map<String, INDArray> out = Collections.synchronizedMap(new LinkedHashMap<>());
        for (ParamSpec s : specs(layer)) {
            INDArray v = views.get(s.key());
            if (initializeParams) {
                switch (s.init()) {
                    case XAVIER -> weightInit.init(s.rows(), s.cols(), new long[] {s.rows(), s.cols()}, 'f', v);
                    case ZERO -> v.assign(0.0);
                    case ONE -> v.assign(1.0);
                    default -> throw new IllegalStateException("unknown init " + s.init());
                }
            }
            out.put(s.key(), v);
            conf.addVariable(s.key());
        }
        return out;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return slice(conf.getLayer(), gradientView);
    }

    private static Map<String, INDArray> slice(Layer layer, INDArray flatView) {
        long expected = INSTANCE.numParams(layer);
        if (flatView.length() != expected) {
            throw new IllegalStateException("layer '" + layer.getLayerName() + "': expected a parameter view of length "
                    + expected + ", found " + flatView.length());
        }
        INDArray flat = flatView.reshape(flatView.length());
        Map<String, INDArray> out = new LinkedHashMap<>();
        long offset = 0;
        for (ParamSpec s : specs(layer)) {
            INDArray seg = flat.get(NDArrayIndex.interval(offset, offset + s.length()));
            out.put(s.key(), seg.reshape('f', s.rows(), s.cols()));
            offset += s.length();
        }
        return out;
    }
}
