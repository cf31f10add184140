package io.videoseq.training.inference;

import io.videoseq.data.SyntheticDataSpec;
import io.videoseq.data.SyntheticDataWriter;
import io.videoseq.model.ModelConfig;
import io.videoseq.training.TrainConfig;
import io.videoseq.training.checkpoint.CheckpointStore;
import io.videoseq.training.run.Trainer;
import io.videoseq.training.run.TrainingRequest;

import java.nio.file.Path;
import java.util.List;

/**
 * Two tiny models ("a", seed 1; "b", seed 2) trained one epoch on a synthetic data set of 6 features and 3 classes:
 * the members the inference tests score.
 *
 * @param data    the features folder ({@code train/val/test_features.h5})
 * @param members the two best checkpoints, a then b
 */
record TwoMembers(Path data, List<Path> members) {

    static final ModelConfig MODEL = ModelConfig.builder().featureDim(6).numClasses(3).hiddenDim(4).numLstmLayers(1)
            .numAttentionHeads(2).headDims(8, 8, 4).build();
    static final TrainConfig CONFIG = TrainConfig.builder().epochs(1).batchSize(8).build();

    static TwoMembers train(Path tmp) {
        Path data = tmp.resolve("data");
        SyntheticDataWriter.write(data, new SyntheticDataSpec(20, 9, 9, 6, 3, 4, 9, "", 5));
        Path ckpt = tmp.resolve("ckpt");
        for (String name : List.of("a", "b")) {
            Trainer.train(TrainingRequest.of(data, ckpt, tmp.resolve("res"), name, MODEL,
                    CONFIG.toBuilder().seed(name.equals("a") ? 1 : 2).build()));
        }
        CheckpointStore store = new CheckpointStore(ckpt);
        return new TwoMembers(data, List.of(store.bestPath("a"), store.bestPath("b")));
    }
}
