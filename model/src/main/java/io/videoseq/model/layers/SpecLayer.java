package io.videoseq.model.layers;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Common configuration base of the videoseq layers: parameters are described by {@link #paramSpecs()} and
 * created by {@link SpecParamInitializer}. Regularization follows DL4J's {@code BaseLayer} rule: params of kind
 * WEIGHT get {@code regularization} (e.g. {@code weightDecay}), params of kind BIAS (biases and LayerNorm
 * gain/shift) get {@code regularizationBias} (e.g. {@code weightDecayBias}); set both to decay every parameter
 * as PyTorch's AdamW does.
 */
public abstract class SpecLayer extends FeedForwardLayer {

    protected SpecLayer() {
    }

    protected SpecLayer(FeedForwardLayer.Builder<?> builder) {
        super(builder);
    }

    /** Parameter keys, shapes, kinds and initial values, in the order they occupy the flattened view. */
    public abstract List<ParamSpec> paramSpecs();

    /** Creates the (not yet configured) layer implementation. */
    protected abstract BaseLayer<?> createImpl(NeuralNetConfiguration conf, org.nd4j.linalg.api.buffer.DataType dt);

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners, int layerIndex, INDArray paramsView, boolean initializeParams,
            org.nd4j.linalg.api.buffer.DataType networkDataType) {
        validate(layerIndex);
        BaseLayer<?> ret = createImpl(conf, networkDataType);
        ret.setListeners(listeners);
        ret.setIndex(layerIndex);
        ret.setParamsViewArray(paramsView);
        Map<String, INDArray> paramTable = initializer().init(conf, paramsView, initializeParams);
        ret.setParamTable(paramTable);
        ret.setConf(conf);
        return ret;
    }

    /** Checks sizes once nIn is known; messages name the layer, the field, the value and the allowed range. */
    protected void validate(int layerIndex) {
        if (nIn <= 0 || nOut <= 0) {
            throw new IllegalStateException(describe(layerIndex) + ": nIn and nOut must be > 0, found nIn=" + nIn
                    + ", nOut=" + nOut + " (set them or use setInputTypes)");
        }
    }

    /** The input as an NCW sequence; an error naming this layer for anything else. */
    protected InputType.InputTypeRecurrent requireSequence(int layerIndex, InputType inputType) {
        if (inputType instanceof InputType.InputTypeRecurrent r && r.getFormat() == RNNFormat.NCW) {
            return r;
        }
        throw new IllegalStateException(describe(layerIndex) + ": expected recurrent NCW input, found " + inputType);
    }

    protected String describe(int layerIndex) {
        return getClass().getSimpleName() + " '" + layerName + "' (index " + layerIndex + ")";
    }

    static void checkDropProb(String field, double p) {
        if (!(p >= 0.0 && p < 1.0)) {
            throw new IllegalArgumentException(field + " must be in [0, 1), found " + p);
        }
    }

    @Override
    public ParamInitializer initializer() {
        return SpecParamInitializer.INSTANCE;
    }

    @Override
    public boolean isPretrainParam(String paramName) {
        return false;
    }

    /** No preprocessor: the layers read feed-forward {@code [b, n]} and recurrent {@code [b, n, T]} input as is. */
    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        if (inputType == null || (inputType.getType() != InputType.Type.FF
                && inputType.getType() != InputType.Type.RNN)) {
            throw new IllegalStateException(getClass().getSimpleName() + " '" + layerName
                    + "': expected feed-forward or recurrent input, found " + inputType);
        }
        return null;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType out = getOutputType(-1, inputType);
        long numParams = initializer().numParams(this);
        long updaterState = getIUpdater() == null ? 0 : getIUpdater().stateSize(numParams);
        // training caches a few activation-sized arrays per example (input rows, normalized values, masks)
        long perEx = 4 * Math.max(inputType.arrayElementsPerExample(), out.arrayElementsPerExample());
        return new LayerMemoryReport.Builder(layerName, getClass(), inputType, out)
                .standardMemory(numParams, updaterState)
                .workingMemory(0, perEx, 0, perEx)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    /** Equality of the inherited DL4J fields (activation, init, regularization, updater, dropout, nIn/nOut...). */
    protected boolean baseEquals(Object o) {
        return super.equals(o);
    }

    protected int baseHashCode() {
        return super.hashCode();
    }
}
