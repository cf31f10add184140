package io.videoseq.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

/**
 * One seeded synthetic batch with the shapes of {@code bench_torch.py}: lengths uniform in [minLen, maxLen],
 * standard-normal features, zero padding on the right, uniformly drawn labels.
 *
 * <p>Layouts: features {@code [batch, featureDim, T]} with T the longest drawn length; mask {@code [batch, T]}
 * (1 = real step, 0 = padding); labels one-hot {@code [batch, numClasses]}. The values differ from PyTorch's
 * generator, which does not matter for timing: only shapes and the mask pattern's statistics do.
 */
public final class BenchBatch {
    private final DataSet dataSet;
    private final double meanLength;

    private BenchBatch(DataSet dataSet, double meanLength) {
        this.dataSet = dataSet;
        this.meanLength = meanLength;
    }

    public static BenchBatch create(BenchShape shape, long seed, DataType dataType) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int b = shape.batch();
        int f = shape.featureDim();
        int[] lengths = new int[b];
        int t = 0;
        long sum = 0;
        for (int i = 0; i < b; i++) {
            lengths[i] = shape.minLen() + rnd.nextInt(shape.maxLen() - shape.minLen() + 1);
            t = Math.max(t, lengths[i]);
            sum += lengths[i];
        }
        float[] x = new float[b * f * t];
        float[] m = new float[b * t];
        float[] y = new float[b * BenchShape.NUM_CLASSES];
        for (int i = 0; i < b; i++) {
            for (int s = 0; s < lengths[i]; s++) {
                m[i * t + s] = 1f;
                for (int c = 0; c < f; c++) {
                    x[(i * f + c) * t + s] = (float) gaussian(rnd);
                }
            }
            y[i * BenchShape.NUM_CLASSES + rnd.nextInt(BenchShape.NUM_CLASSES)] = 1f;
        }
        INDArray features = Nd4j.create(x, new long[]{b, f, t}, 'c').castTo(dataType);
        INDArray mask = Nd4j.create(m, new long[]{b, t}, 'c').castTo(dataType);
        INDArray labels = Nd4j.create(y, new long[]{b, BenchShape.NUM_CLASSES}, 'c').castTo(dataType);
        return new BenchBatch(new DataSet(features, labels, mask, null), (double) sum / b);
    }

    /** Box-Muller: SplittableRandom has no nextGaussian on Java 17. */
    private static double gaussian(SplittableRandom rnd) {
        double u = 1.0 - rnd.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    /** Features, one-hot labels and the feature mask, ready for {@code ComputationGraph.fit(DataSet)}. */
    public DataSet dataSet() {
        return dataSet;
    }

    public INDArray features() {
        return dataSet.getFeatures();
    }

    public INDArray mask() {
        return dataSet.getFeaturesMaskArray();
    }

    public int batchSize() {
        return (int) dataSet.getFeatures().size(0);
    }

    public long timeSteps() {
        return dataSet.getFeatures().size(2);
    }

    public double meanLength() {
        return meanLength;
    }
}
