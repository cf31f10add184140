package io.videoseq.video.window;

import io.videoseq.video.extract.FrameSampling;

/**
 * Which moments of a window its feature sequence is made of: the model's {@link FrameSampling} laid over time
 * instead of over frame indices, because a window's frames are not known until it has been read (one pass, in time
 * order) and their count varies with the frame rate. The {@code T = maxFrames} steps of window {@code [a, a + W)}
 * sit at {@code u_j = a + j W / T} at speed 1 (T evenly spaced moments, as T frames of a clip of length W); at speed
 * s, as {@link FrameSampling}'s multi-scale, at {@code c + (u_j - c) s} around the middle {@code c} of
 * {@code u_0 .. u_(T-1)}, clamped to it. Each moment takes the first frame shown at or after it (the first frame
 * whose presentation time is at least the moment), so a video with fewer frames than T in a window repeats frames
 * rather than stretching the window, and a variable frame rate keeps real times.
 */
public record WindowSampling(WindowSpec spec, FrameSampling sampling) {
    public int steps() {
        return sampling.maxFrames();
    }

    public int speeds() {
        return sampling.speeds().size();
    }

    /** The moments of window {@code k}: {@code [speed][step]} seconds, each row increasing. */
    public double[][] moments(long k) {
        int t = steps();
        double a = spec.start(k);
        double w = spec.windowSeconds();
        double first = a;
        double last = a + (t - 1) * w / t;
        double c = (first + last) / 2;
        double[][] out = new double[speeds()][t];
        for (int s = 0; s < out.length; s++) {
            double speed = sampling.speeds().get(s);
            for (int j = 0; j < t; j++) {
                double u = a + j * w / t;
                out[s][j] = speed == 1.0 ? u : Math.max(first, Math.min(last, c + (u - c) * speed));
            }
        }
        return out;
    }
}
