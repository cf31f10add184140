package io.videoseq.app.plot;

import java.util.List;

/**
 * The learning-rate panel's y axis: linear, in units of a power of ten named in the axis title
 * ({@code lr (×1e-3)}), with tick labels of up to six decimals. Scientific labels of the raw values
 * ({@code 9.9E-4, 9.9E-4, 1.0E-3}) round to the same text when a run covers only a few epochs of a cosine
 * cycle, and XChart then drops all but one of them. Not a log axis: {@code eta_min} may be 0, which a log axis
 * cannot draw, and a cosine schedule reads naturally on a linear one.
 *
 * @param exponent the power of ten the plotted values are divided by
 * @param constant the rate when every epoch had the same positive one, else 0: the axis then spans 0 to a
 *                 quarter above it, since XChart gives a flat curve's axis a single tick
 */
record LearningRateAxis(int exponent, double constant) {

    /** Tick label pattern of the scaled values: as many decimals as XChart's tick step has, up to six. */
    static final String DECIMAL_PATTERN = "0.######";

    /** The axis for {@code rates}: the power of ten of the largest finite positive one; 10^0 when there is none. */
    static LearningRateAxis of(List<Double> rates) {
        double max = 0;
        double min = Double.POSITIVE_INFINITY;
        for (double r : rates) {
            if (Double.isFinite(r)) {
                max = Math.max(max, r);
                min = Math.min(min, r);
            }
        }
        return max > 0 ? new LearningRateAxis((int) Math.floor(Math.log10(max)), min == max ? max : 0)
                : new LearningRateAxis(0, 0);
    }

    /** {@code lr} in the axis' unit. */
    double scaled(double lr) {
        return lr / Math.pow(10, exponent);
    }

    String title() {
        return exponent == 0 ? "lr" : "lr (\u00d71e" + exponent + ")";
    }
}
