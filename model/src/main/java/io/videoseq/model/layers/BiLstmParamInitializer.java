package io.videoseq.model.layers;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters of {@link BiLstm}: {@link SpecParamInitializer}'s layout (consecutive 'f'-order views of the flat
 * vector, identical to DL4J's {@code Bidirectional(LSTM)}), with the biases as rank-1 {@code [4H]} views like
 * {@code LSTMParamInitializer}'s, and every value drawn from U(−1/√H, 1/√H) (PyTorch's {@code nn.LSTM} init).
 */
public final class BiLstmParamInitializer implements ParamInitializer {

    public static final BiLstmParamInitializer INSTANCE = new BiLstmParamInitializer();

    private static final SpecParamInitializer SPEC = SpecParamInitializer.INSTANCE;

    private BiLstmParamInitializer() {
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return SPEC.numParams(conf);
    }

    @Override
    public long numParams(Layer layer) {
        return SPEC.numParams(layer);
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return SPEC.paramKeys(layer);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return SPEC.weightKeys(layer);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return SPEC.biasKeys(layer);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return SPEC.isWeightParam(layer, key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return SPEC.isBiasParam(layer, key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        Map<String, INDArray> views = rankOneBiases(conf.getLayer(), SPEC.init(conf, paramsView, false));
        if (initializeParams) {
            double bound = 1.0 / Math.sqrt(((BiLstm) conf.getLayer()).getNOut());
            for (INDArray v : views.values()) {
                v.assign(Nd4j.rand(v.dataType(), v.shape()).muli(2 * bound).subi(bound));
            }
        }
        return Collections.synchronizedMap(views);
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return rankOneBiases(conf.getLayer(), SPEC.getGradientsFromFlattened(conf, gradientView));
    }

    private static Map<String, INDArray> rankOneBiases(Layer layer, Map<String, INDArray> views) {
        List<String> biases = SPEC.biasKeys(layer);
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : views.entrySet()) {
            INDArray v = e.getValue();
            out.put(e.getKey(), biases.contains(e.getKey()) ? v.reshape(v.length()) : v);
        }
        return out;
    }
}
