package io.videoseq.torch;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Converts PyTorch {@code nn.LSTM} parameters into DL4J {@code LSTM} parameters.
 *
 * <p>PyTorch stacks the four gates as row blocks {@code [i, f, g, o]} of {@code weight_ih [4H, in]},
 * {@code weight_hh [4H, H]} and the two biases {@code [4H]}. DL4J ({@code LSTMHelpers.activateHelper}) uses the
 * column blocks of {@code W [in, 4H]}, {@code RW [H, 4H]} and {@code b [1, 4H]} as:
 * block 0 = the candidate, squashed with the layer activation (tanh) — PyTorch's {@code g};
 * block 1 = forget gate (sigmoid) — {@code f}; block 2 = output gate (sigmoid) — {@code o};
 * block 3 = the "input modulation" gate (sigmoid) — PyTorch's input gate {@code i}.
 * {@code c = f·c' + block3·block0} is symmetric in the two, so this matches PyTorch exactly.
 * DL4J has one bias per gate: it is {@code bias_ih + bias_hh}.
 */
public final class LstmGateLayout {

    /** {@code TORCH_GATE_OF_DL4J_BLOCK[k]} = index of the PyTorch gate block stored in DL4J column block k. */
    private static final int[] TORCH_GATE_OF_DL4J_BLOCK = {2, 1, 3, 0};

    private LstmGateLayout() {
    }

    /** PyTorch {@code weight_ih/hh [4H, n]} (row-major values) → DL4J {@code [n, 4H]}. */
    public static INDArray weights(double[] torch, int hidden, int n) {
        INDArray w = Nd4j.create(torch, new long[]{4L * hidden, n}, 'c').castTo(DataType.DOUBLE);
        INDArray out = Nd4j.create(DataType.DOUBLE, n, 4L * hidden);
        for (int k = 0; k < 4; k++) {
            int g = TORCH_GATE_OF_DL4J_BLOCK[k];
            INDArray src = w.get(NDArrayIndex.interval((long) g * hidden, (long) (g + 1) * hidden), NDArrayIndex.all());
            out.get(NDArrayIndex.all(), NDArrayIndex.interval((long) k * hidden, (long) (k + 1) * hidden))
                    .assign(src.transpose());
        }
        return out;
    }

    /** PyTorch {@code bias_ih + bias_hh} ({@code [4H]} each) → DL4J {@code [1, 4H]}. */
    public static INDArray bias(double[] biasIh, double[] biasHh, int hidden) {
        INDArray out = Nd4j.create(DataType.DOUBLE, 1, 4L * hidden);
        for (int k = 0; k < 4; k++) {
            int g = TORCH_GATE_OF_DL4J_BLOCK[k];
            for (int j = 0; j < hidden; j++) {
                int src = g * hidden + j;
                out.putScalar(0, (long) k * hidden + j, biasIh[src] + biasHh[src]);
            }
        }
        return out;
    }
}
