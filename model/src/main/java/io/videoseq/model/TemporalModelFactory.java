package io.videoseq.model;

import io.videoseq.model.layers.AttentionPooling;
import io.videoseq.model.layers.BiLstm;
import io.videoseq.model.layers.LinearNorm;
import io.videoseq.model.layers.MaskedRecurrent;
import io.videoseq.model.layers.SelfAttentionBlock;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;

import java.util.Map;

/**
 * Builds the temporal classifier of the reference's {@code TemporalModel} as an initialised DL4J
 * {@link ComputationGraph}:
 * <pre>
 * features [b, F, T] + mask [b, T]
 *  → input_projection  Linear(F→H) + LayerNorm + ReLU          (per step; masked steps 0)
 *  → lstm_k, k = 0..L-1   {@link BiLstm}(H) → [b, 2H, T], packed-sequence semantics (the backward direction
 *      starts at each sequence's last real step); unidirectional: {@link MaskedRecurrent}(LSTM(H)) → [b, H, T]
 *      (input dropout 0.5·d on lstm_0, d on lstm_1..L-1; one mask for both directions, as PyTorch)
 *  → attention          LN(x + drop_d(MHA(x)))  with attention-weight dropout d, padded keys masked
 *  → attention_pooling  softmax over real steps of Linear(H'→1)(drop_0.5d(tanh(LN(Linear(2H→H')(x)))))
 *  → head_0..2          Linear + LayerNorm + ReLU, input dropout 0, d, d
 *  → output             Linear(h3→C) + softmax, input dropout 0.5·d, loss from {@link GraphOptions}
 * </pre>
 * DL4J dropout is configured as a keep probability {@code 1 − p}; it is active in {@code output(true, …)}/fit and
 * off in {@code output(false, …)}. Initialization matches PyTorch: Xavier-uniform Linear weights, zero biases,
 * LayerNorm gain 1 and shift 0, LSTM weights and biases U(−1/√H, 1/√H) ({@link TorchStyleLstmInit}).
 */
public final class TemporalModelFactory {

    private TemporalModelFactory() {
    }

    /** Builds and initialises the graph; deterministic for a given {@code options.seed()}. */
    public static ComputationGraph build(ModelConfig config, GraphOptions options) {
        return initialise(configuration(config, options), options.seed());
    }

    /**
     * Initialises a graph from a {@link #configuration} the caller may have adjusted (the training module adds its
     * decoupled weight decay there): parameters drawn from {@code seed}, LSTMs initialised as PyTorch does.
     */
    public static ComputationGraph initialise(ComputationGraphConfiguration conf, long seed) {
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        TorchStyleLstmInit.apply(graph, seed);
        return graph;
    }

    /** Builds with {@link GraphOptions#defaults()}. */
    public static ComputationGraph build(ModelConfig config) {
        return build(config, GraphOptions.defaults());
    }

    /** The graph configuration, without parameters (e.g. to count them via {@code new ComputationGraph(conf)}). */
    public static ComputationGraphConfiguration configuration(ModelConfig c, GraphOptions o) {
        NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder()
                .seed(o.seed())
                .dataType(o.dataType())
                .updater(o.updater())
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .biasInit(0.0);
        double d = c.dropout();
        int h = c.hiddenDim();
        int e = c.lstmOutputDim();
        ComputationGraphConfiguration.GraphBuilder g = base.graphBuilder()
                .addInputs(GraphNames.INPUT)
                .setInputTypes(InputType.recurrent(c.featureDim()));

        g.addLayer(GraphNames.INPUT_PROJECTION, new LinearNorm.Builder().nIn(c.featureDim()).nOut(h)
                .layerNorm(true).activation(Activation.RELU).build(), GraphNames.INPUT);
        String previous = GraphNames.INPUT_PROJECTION;
        for (int k = 0; k < c.numLstmLayers(); k++) {
            double drop = k == 0 ? 0.5 * d : d;
            if (c.bidirectional()) {
                BiLstm.Builder bi = new BiLstm.Builder().nIn(k == 0 ? h : e).nOut(h);
                if (drop > 0) {
                    bi.dropOut(1.0 - drop);
                }
                g.addLayer(GraphNames.lstm(k), bi.build(), previous);
            } else {
                LSTM.Builder lstmBuilder = new LSTM.Builder().nIn(h).nOut(h)
                        .activation(Activation.TANH).gateActivationFunction(Activation.SIGMOID)
                        .forgetGateBiasInit(0.0); // PyTorch adds no forget-gate offset
                if (drop > 0) {
                    // DL4J's DropoutLayer cannot be used: it multiplies [b, n, T] activations by the [b, T] mask
                    // column-wise (shape error) and does so in place on its input in inference.
                    lstmBuilder.dropOut(1.0 - drop);
                }
                g.addLayer(GraphNames.lstm(k), new MaskedRecurrent(lstmBuilder.build()), previous);
            }
            previous = GraphNames.lstm(k);
        }
        g.addLayer(GraphNames.ATTENTION, new SelfAttentionBlock.Builder().nIn(e).nOut(e)
                .numHeads(c.numAttentionHeads()).attentionDropProb(d).outputDropProb(d).build(), previous);
        g.addLayer(GraphNames.POOLING, new AttentionPooling.Builder().nIn(e)
                .hiddenSize(c.poolingHiddenDim()).dropProb(0.5 * d).build(), GraphNames.ATTENTION);
        previous = GraphNames.POOLING;
        int in = e;
        double[] headDrop = {0.0, d, d};
        for (int k = 0; k < 3; k++) {
            int out = c.headDims().get(k);
            LinearNorm.Builder b = new LinearNorm.Builder().nIn(in).nOut(out).layerNorm(true)
                    .activation(Activation.RELU);
            if (headDrop[k] > 0) {
                b.dropOut(1.0 - headDrop[k]);
            }
            g.addLayer(GraphNames.head(k), b.build(), previous);
            previous = GraphNames.head(k);
            in = out;
        }
        OutputLayer.Builder out = new OutputLayer.Builder(o.loss()).nIn(in).nOut(c.numClasses())
                .activation(Activation.SOFTMAX);
        if (d > 0) {
            out.dropOut(1.0 - 0.5 * d);
        }
        g.addLayer(GraphNames.OUTPUT, out.build(), previous);
        g.setOutputs(GraphNames.OUTPUT);
        ComputationGraphConfiguration conf = g.build();
        requireNoPreprocessors(conf);
        return conf;
    }

    /**
     * Number of trainable parameters of the graph for {@code config}, from the configuration alone (no arrays are
     * allocated). It is PyTorch's count minus {@code numLstmLayers × directions × 4H}: DL4J's LSTM has one bias
     * per gate where PyTorch keeps two ({@code bias_ih}, {@code bias_hh}) that only ever act as their sum.
     */
    public static long numParams(ModelConfig config) {
        ComputationGraphConfiguration conf = configuration(config, GraphOptions.defaults());
        long n = 0;
        for (GraphVertex v : conf.getVertices().values()) {
            if (v instanceof LayerVertex lv) {
                n += lv.getLayerConf().getLayer().initializer().numParams(lv.getLayerConf().getLayer());
            }
        }
        return n;
    }

    /** Every layer reads its input as produced: a preprocessor would mean a reshaping we did not intend. */
    private static void requireNoPreprocessors(ComputationGraphConfiguration conf) {
        for (Map.Entry<String, GraphVertex> v : conf.getVertices().entrySet()) {
            if (v.getValue() instanceof LayerVertex lv && lv.getPreProcessor() != null) {
                throw new IllegalStateException("graph vertex '" + v.getKey() + "' got an unexpected input preprocessor "
                        + lv.getPreProcessor().getClass().getSimpleName());
            }
        }
    }
}
