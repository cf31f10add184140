package io.videoseq.training.metrics;

/**
 * Calibration of the top probability: videos binned by their highest class probability into equal-width bins
 * over (0, 1] (edges as numpy's {@code linspace(0, 1, bins + 1)}, a video in bin b when lo &lt; conf &le; hi), with
 * each bin's size, mean confidence and accuracy. {@link #ece()} is the expected calibration error, the size-weighted
 * mean gap between accuracy and confidence: what a reliability diagram draws and {@code ece} in the report is.
 *
 * @param count          videos per bin
 * @param meanConfidence mean top probability per bin (NaN for an empty bin)
 * @param accuracy       fraction of the bin's videos whose top class is the true one (NaN for an empty bin)
 * @param ece            expected calibration error in [0, 1]
 */
public record ReliabilityBins(int[] count, double[] meanConfidence, double[] accuracy, double ece) {

    /**
     * @param probabilities {@code [examples, classes]} rows of a softmax
     * @param labels        true class per example
     * @param bins          number of equal-width bins, &ge; 1
     */
    public static ReliabilityBins of(double[][] probabilities, int[] labels, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins = " + bins + ": expected >= 1");
        }
        if (probabilities.length != labels.length || labels.length == 0) {
            throw new IllegalArgumentException("ReliabilityBins probabilities rows " + probabilities.length
                    + ", labels " + labels.length + ": expected equal counts > 0");
        }
        int[] count = new int[bins];
        int[] correct = new int[bins];
        double[] confidence = new double[bins];
        double width = 1.0 / bins;
        for (int i = 0; i < labels.length; i++) {
            int best = 0;
            for (int c = 1; c < probabilities[i].length; c++) {
                if (probabilities[i][c] > probabilities[i][best]) {
                    best = c;
                }
            }
            double conf = probabilities[i][best];
            // the edges exactly as numpy's linspace gives them (b * step, last edge 1), so a top probability on an
            // edge falls in the same bin as in the golden
            for (int b = 0; b < bins; b++) {
                double hi = b == bins - 1 ? 1.0 : (b + 1) * width;
                if (conf > b * width && conf <= hi) {
                    count[b]++;
                    confidence[b] += conf;
                    correct[b] += best == labels[i] ? 1 : 0;
                    break;
                }
            }
        }
        double[] meanConfidence = new double[bins];
        double[] accuracy = new double[bins];
        double ece = 0;
        for (int b = 0; b < bins; b++) {
            meanConfidence[b] = count[b] == 0 ? Double.NaN : confidence[b] / count[b];
            accuracy[b] = count[b] == 0 ? Double.NaN : (double) correct[b] / count[b];
            if (count[b] > 0) {
                ece += Math.abs(accuracy[b] - meanConfidence[b]) * count[b] / labels.length;
            }
        }
        return new ReliabilityBins(count, meanConfidence, accuracy, ece);
    }

    /** Lower edge of bin {@code b}. */
    public double lowerEdge(int b) {
        return (double) b / count.length;
    }
}
