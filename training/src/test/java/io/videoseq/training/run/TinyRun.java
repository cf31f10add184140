package io.videoseq.training.run;

import io.videoseq.training.history.EpochRecord;
import io.videoseq.data.SyntheticDataSpec;
import io.videoseq.data.SyntheticDataWriter;
import io.videoseq.model.ModelConfig;
import io.videoseq.training.TrainConfig;

import java.nio.file.Path;
import java.util.List;

/** Tiny data, model and settings so a test trains a few epochs in seconds. */
public final class TinyRun {

    public static final int FEATURES = 6;
    public static final int CLASSES = 3;

    private TinyRun() {
    }

    /** 20/9/9 videos of 4..9 frames written to {@code dir}. */
    public static Path data(Path dir) {
        SyntheticDataWriter.write(dir, new SyntheticDataSpec(20, 9, 9, FEATURES, CLASSES, 4, 9, "", 5));
        return dir;
    }

    /** Bidirectional, 1 LSTM layer of 4, 2 heads, head 8/8/4, dropout 0.3 (so dropout randomness is exercised). */
    public static ModelConfig model() {
        return ModelConfig.builder().featureDim(FEATURES).hiddenDim(4).numClasses(CLASSES).numLstmLayers(1)
                .numAttentionHeads(2).dropout(0.3).bidirectional(true).headDims(List.of(8, 8, 4)).build();
    }

    /** 3 epochs of batch 8, checkpoint every epoch, keep 2. */
    public static TrainConfig config() {
        return TrainConfig.builder().epochs(3).batchSize(8).checkpointEvery(1).keepCheckpoints(2).scheduleT0(2)
                .build();
    }

    public static TrainingRequest request(Path data, Path out, String name, TrainConfig c) {
        return TrainingRequest.of(data, out.resolve("checkpoints"), out.resolve("results"), name, model(), c);
    }

    /** A history with every epoch's wall-clock seconds set to 0: what two runs that computed the same share. */
    public static List<EpochRecord> withoutTimes(List<EpochRecord> h) {
        return h.stream().map(r -> new EpochRecord(r.epoch(), r.trainLoss(), r.trainAcc(), r.valLoss(),
                r.validation(), r.learningRate(), 0)).toList();
    }
}
