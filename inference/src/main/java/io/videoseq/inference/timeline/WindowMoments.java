package io.videoseq.inference.timeline;

import java.util.List;

/**
 * Which moments of a window its feature sequence is made of: the model's frame sampling (T steps, speeds) laid over
 * time instead of over frame indices, because a window's frames are not known until it has been read (one pass, in
 * time order) and their count varies with the frame rate. The {@code T} steps of window {@code [a, a + W)} sit at
 * {@code u_j = a + j W / T} at speed 1 (T evenly spaced moments, as T frames of a clip of length W); at speed s (the
 * original's multi-scale) at {@code c + (u_j - c) s} around the middle {@code c} of {@code u_0 .. u_(T-1)}, clamped
 * to it. Each moment takes the first frame shown at or after it ({@link WindowRows}), so a video with fewer frames
 * than T in a window repeats frames rather than stretching the window, and a variable frame rate keeps real times.
 *
 * @param steps  T, the model's frames per video
 * @param speeds {@code [1.0]} for single-scale; the features of all speeds are averaged per step
 */
public record WindowMoments(WindowSpec spec, int steps, List<Double> speeds) {
    public WindowMoments {
        if (steps < 1) {
            throw new IllegalArgumentException("steps: expected >= 1, found " + steps);
        }
        if (speeds == null || speeds.isEmpty() || speeds.stream().anyMatch(s -> s == null || !(s > 0) || s > 10)) {
            throw new IllegalArgumentException("speeds: expected 1 or more numbers in (0, 10], found " + speeds);
        }
        speeds = List.copyOf(speeds);
    }

    /** The moments of window {@code k}: {@code [speed][step]} seconds, each row increasing. */
    public double[][] moments(long k) {
        int t = steps;
        double a = spec.start(k);
        double w = spec.windowSeconds();
        double first = a;
        double last = a + (t - 1) * w / t;
        double c = (first + last) / 2;
        double[][] out = new double[speeds.size()][t];
        for (int s = 0; s < out.length; s++) {
            double speed = speeds.get(s);
            for (int j = 0; j < t; j++) {
                double u = a + j * w / t;
                out[s][j] = speed == 1.0 ? u : Math.max(first, Math.min(last, c + (u - c) * speed));
            }
        }
        return out;
    }
}
