package io.videoseq.inference.output;

import java.util.List;
import java.util.Locale;

/**
 * The CSV {@code videoseq predict --saliency} writes: one row per video in file order,
 * {@code index,frames,w_0,...,w_{T-1}} where {@code T} is the longest video's length; a video's row has one
 * weight per real frame (its {@code frames} of them, summing to 1) and empty cells after its end, so the file is
 * rectangular for spreadsheet and dataframe readers. Weights have 8 decimals.
 */
public final class SaliencyCsv {

    private SaliencyCsv() {
    }

    /** @param weights per video of the file, in file order, its {@link FrameSaliency} weights */
    public static String of(List<double[]> weights) {
        return of(java.util.stream.IntStream.range(0, weights.size()).toArray(), weights);
    }

    /**
     * Some videos only.
     *
     * @param indices the videos' indices in their file, written in the {@code index} column
     * @param weights their weights, in the same order
     */
    public static String of(int[] indices, List<double[]> weights) {
        if (indices.length != weights.size()) {
            throw new IllegalArgumentException(indices.length + " indices for " + weights.size() + " videos");
        }
        int longest = weights.stream().mapToInt(w -> w.length).max().orElse(0);
        StringBuilder b = new StringBuilder("index,frames");
        for (int t = 0; t < longest; t++) {
            b.append(",w_").append(t);
        }
        b.append('\n');
        for (int i = 0; i < weights.size(); i++) {
            double[] w = weights.get(i);
            b.append(indices[i]).append(',').append(w.length);
            for (double v : w) {
                b.append(',').append(String.format(Locale.ROOT, "%.8f", v));
            }
            b.append(",".repeat(longest - w.length)).append('\n');
        }
        return b.toString();
    }
}
