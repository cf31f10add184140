package io.videoseq.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * Sequences of different lengths as one network input: features {@code [batch, featureDim, time]} (NCW), each
 * sequence zero-padded after its end to the longest one's length, and the mask {@code [batch, time]} (1 = real
 * frame). What {@link SequenceBatchIterator} feeds training and evaluation, and what inference on frames given by
 * a caller builds.
 */
public record PaddedBatch(INDArray features, INDArray mask) {

    /** @param batch sequences of {@code featureDim} features each, at least one */
    public static PaddedBatch of(Sequence[] batch, int featureDim, DataType dataType) {
        int n = batch.length;
        int time = 0;
        for (Sequence s : batch) {
            time = Math.max(time, s.length());
        }
        float[] features = new float[n * featureDim * time];
        float[] mask = new float[n * time];
        for (int b = 0; b < n; b++) {
            Sequence s = batch[b];
            float[] v = s.values();
            int len = s.length();
            for (int f = 0; f < featureDim; f++) {
                int row = (b * featureDim + f) * time;
                for (int t = 0; t < len; t++) {
                    features[row + t] = v[t * featureDim + f];
                }
            }
            Arrays.fill(mask, b * time, b * time + len, 1f);
        }
        return new PaddedBatch(Nd4j.create(features, new long[] {n, featureDim, time}, dataType),
                Nd4j.create(mask, new long[] {n, time}, dataType));
    }
}
