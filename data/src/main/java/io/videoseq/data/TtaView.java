package io.videoseq.data;

import java.util.Locale;

/**
 * Test-time views of one sequence, as the reference {@code tta_views}: the identity, the time reversal, and
 * two resamplings by {@code torch.linspace(0, T-1, n).long()} — {@code SPEED_UP} with {@code n = T/2} for
 * {@code T > 10}, {@code SPEED_DOWN} with {@code n = int(1.5 T)} (indices clamped to {@code T-1}) for
 * {@code T > 5}; shorter sequences are returned unchanged.
 */
public enum TtaView {
    ORIGINAL, REVERSE, SPEED_UP, SPEED_DOWN;

    /** The frames of a {@code length}-frame sequence that make up this view, in order. */
    public int[] frameIndices(int length) {
        if (length < 1) {
            throw new IllegalArgumentException("length: expected >= 1, found " + length);
        }
        switch (this) {
            case REVERSE: {
                int[] idx = new int[length];
                for (int t = 0; t < length; t++) {
                    idx[t] = length - 1 - t;
                }
                return idx;
            }
            case SPEED_UP:
                return length > 10 ? TorchLinspace.truncated(length - 1, length / 2) : identity(length);
            case SPEED_DOWN: {
                if (length <= 5) {
                    return identity(length);
                }
                int[] idx = TorchLinspace.truncated(length - 1, (int) (length * 1.5));
                for (int k = 0; k < idx.length; k++) {
                    idx[k] = Math.min(idx[k], length - 1);
                }
                return idx;
            }
            default:
                return identity(length);
        }
    }

    /** A new sequence made of {@link #frameIndices} of {@code s}. */
    public Sequence apply(Sequence s) {
        return gather(s, frameIndices(s.length()));
    }

    /** {@code original}, {@code reverse}, {@code speed_up}, {@code speed_down}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TtaView fromId(String id) {
        for (TtaView v : values()) {
            if (v.id().equals(id)) {
                return v;
            }
        }
        throw new IllegalArgumentException("TTA view: expected one of original, reverse, speed_up, speed_down, found "
                + id);
    }

    static Sequence gather(Sequence s, int[] frames) {
        int d = s.featureDim();
        float[] out = new float[frames.length * d];
        for (int k = 0; k < frames.length; k++) {
            System.arraycopy(s.values(), frames[k] * d, out, k * d, d);
        }
        return new Sequence(out, frames.length, d, s.label());
    }

    private static int[] identity(int length) {
        int[] idx = new int[length];
        for (int t = 0; t < length; t++) {
            idx[t] = t;
        }
        return idx;
    }
}
