package io.videoseq.data;

/**
 * {@code torch.linspace(0, end, steps).long()} for the default float32 dtype, reproducing the rounding of
 * PyTorch's CPU kernel (1.13, AVX2 build): blocks of 16 values are produced as two 8-wide vectors
 * {@code base + k*step} (each product and sum rounded to float), where {@code base} is the scalar formula;
 * the tail uses the scalar formula, which the compiler fuses into one multiply-add: {@code start + step*i}
 * below the halfway index, {@code end - step*(steps-1-i)} from it on. Truncation toward zero as {@code .long()}.
 * Checked against PyTorch for every length 1..300 of both TTA resamplings.
 */
final class TorchLinspace {
    private static final int LANES = 8;

    private TorchLinspace() {
    }

    static int[] truncated(int end, int steps) {
        if (steps < 1) {
            return new int[0];
        }
        if (steps == 1) {
            return new int[] {0};
        }
        float start = 0f;
        float stop = end;
        float step = (stop - start) / (float) (steps - 1);
        int half = steps / 2;
        float[] out = new float[steps];
        int i = 0;
        for (; i + 2 * LANES <= steps; i += 2 * LANES) {
            for (int base = i; base < i + 2 * LANES; base += LANES) {
                float b = scalar(base, start, stop, step, half, steps);
                for (int k = 0; k < LANES; k++) {
                    out[base + k] = b + (float) k * step;
                }
            }
        }
        for (; i < steps; i++) {
            out[i] = scalar(i, start, stop, step, half, steps);
        }
        int[] idx = new int[steps];
        for (int k = 0; k < steps; k++) {
            idx[k] = (int) out[k];
        }
        return idx;
    }

    private static float scalar(int i, float start, float stop, float step, int half, int steps) {
        return i < half ? Math.fma(step, (float) i, start) : Math.fma(-step, (float) (steps - i - 1), stop);
    }
}
