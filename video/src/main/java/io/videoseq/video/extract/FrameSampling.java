package io.videoseq.video.extract;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Which decoded frames a video's feature sequence is made of. {@code T = min(maxFrames, decoded frames)} steps;
 * at speed 1 step t takes frame {@code floor(t (N - 1) / (T - 1))} (numpy's {@code linspace(0, N-1, T).astype(int)},
 * the original pipeline's uniform sampling), over the decoded index, never the container's frame count.
 *
 * <p>Multi-scale: the same T steps at each speed s, over a span s times as long centred on the middle of the
 * video, clamped to its first and last frame: step t takes frame {@code round(c + (u_t - c) s)} with
 * {@code u_t} the speed-1 position and {@code c = (N - 1) / 2}. The features of all speeds (1.0, 0.85, 1.15 by
 * default) are averaged per step. Each distinct frame runs through the backbone once.
 *
 * @param maxFrames the padded length of the feature files, and the most frames a video gives
 * @param speeds    {@code [1.0]} for single-scale
 */
public record FrameSampling(@JsonProperty("max_frames") int maxFrames, @JsonProperty("speeds") List<Double> speeds) {
    /** The original's multi-scale speeds. */
    public static final List<Double> MULTISCALE = List.of(1.0, 0.85, 1.15);

    public FrameSampling {
        if (maxFrames < 1) {
            throw new IllegalArgumentException("--max-frames: expected >= 1, found " + maxFrames);
        }
        if (speeds == null || speeds.isEmpty() || speeds.stream().anyMatch(s -> s == null || !(s > 0) || s > 10)) {
            throw new IllegalArgumentException("speeds: expected values in (0, 10], found " + speeds);
        }
        speeds = List.copyOf(speeds);
    }

    public static FrameSampling of(int maxFrames, boolean multiscale) {
        return new FrameSampling(maxFrames, multiscale ? MULTISCALE : List.of(1.0));
    }

    public boolean multiscale() {
        return speeds.size() > 1;
    }

    /** Steps for a video of {@code decoded} frames. */
    public int steps(int decoded) {
        return Math.min(maxFrames, decoded);
    }

    /** Frame index per step at {@code speed}, for a video of {@code decoded} frames. */
    public int[] indices(int decoded, double speed) {
        int t = steps(decoded);
        int[] out = new int[t];
        double c = (decoded - 1) / 2.0;
        for (int k = 0; k < t; k++) {
            double u = t == 1 ? 0 : (double) k * (decoded - 1) / (t - 1);
            if (speed == 1.0) {
                out[k] = (int) Math.floor(u);
            } else {
                long v = Math.round(c + (u - c) * speed);
                out[k] = (int) Math.max(0, Math.min(decoded - 1, v));
            }
        }
        return out;
    }

    /** The distinct frames needed over all speeds, increasing. */
    public int[] neededFrames(int decoded) {
        TreeSet<Integer> all = new TreeSet<>();
        for (double s : speeds) {
            for (int i : indices(decoded, s)) {
                all.add(i);
            }
        }
        return all.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The video's features {@code [T * D]} row-major: per step, the mean over speeds of the features of the frame
     * each speed takes; {@code features[k]} belongs to frame {@code needed[k]}.
     */
    public float[] combine(int decoded, int[] needed, float[][] features) {
        int t = steps(decoded);
        int d = features[0].length;
        double[] sum = new double[t * d];
        for (double s : speeds) {
            int[] idx = indices(decoded, s);
            for (int k = 0; k < t; k++) {
                float[] f = features[Arrays.binarySearch(needed, idx[k])];
                for (int j = 0; j < d; j++) {
                    sum[k * d + j] += f[j];
                }
            }
        }
        float[] out = new float[t * d];
        for (int k = 0; k < out.length; k++) {
            out[k] = (float) (sum[k] / speeds.size());
        }
        return out;
    }
}
