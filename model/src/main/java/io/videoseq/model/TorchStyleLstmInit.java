package io.videoseq.model;

import io.videoseq.model.layers.BiLstmImpl;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.recurrent.BidirectionalLayer;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * PyTorch's {@code nn.LSTM} default initialization, U(−1/√H, 1/√H) on every weight <em>and</em> bias, applied to
 * the DL4J LSTM layers of an initialised graph. DL4J's own LSTM init uses a weight-init scheme for the weights and
 * constants for the bias, so this overwrites them.
 *
 * <p>Values are drawn from a {@link SplittableRandom} seeded by (seed, layer name, parameter name), so a given
 * seed always gives the same values regardless of ND4J's global RNG state or the graph's data type.
 */
public final class TorchStyleLstmInit {

    private TorchStyleLstmInit() {
    }

    /** Re-initialises every LSTM (plain, inside {@code Bidirectional}, or a {@code BiLstm}) of {@code graph} with hidden size H. */
    public static void apply(ComputationGraph graph, long seed) {
        for (Layer outer : graph.getLayers()) {
            Layer layer = outer instanceof BaseWrapperLayer w ? w.getUnderlying() : outer;
            boolean lstm = layer instanceof BidirectionalLayer || layer instanceof BiLstmImpl
                    || layer instanceof org.deeplearning4j.nn.layers.recurrent.LSTM;
            if (!lstm) {
                continue;
            }
            String name = layer.conf().getLayer().getLayerName();
            Map<String, INDArray> table = layer.paramTable();
            for (Map.Entry<String, INDArray> e : table.entrySet()) {
                INDArray p = e.getValue();
                // Recurrent weights RW are [H, 4H] in every direction: H is their row count.
                long hidden = table.get(e.getKey().endsWith("RW") ? e.getKey() : recurrentKey(e.getKey())).size(0);
                double bound = 1.0 / Math.sqrt(hidden);
                SplittableRandom rng = new SplittableRandom(mix(seed, name, e.getKey()));
                double[] v = new double[(int) p.length()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (2.0 * rng.nextDouble() - 1.0) * bound;
                }
                p.assign(Nd4j.create(v, p.shape(), 'c').castTo(p.dataType()));
            }
        }
    }

    private static String recurrentKey(String key) {
        // "W"/"b" → "RW"; Bidirectional prefixes "f"/"b": "fW" → "fRW", "bb" → "bRW".
        if (key.length() == 1) {
            return "RW";
        }
        return key.charAt(0) + "RW";
    }

    private static long mix(long seed, String layer, String param) {
        long h = seed * 0x9E3779B97F4A7C15L;
        h ^= layer.hashCode() * 0xBF58476D1CE4E5B9L;
        h ^= param.hashCode() * 0x94D049BB133111EBL;
        return h;
    }
}
