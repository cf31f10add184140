package io.videoseq.inference;

import io.videoseq.data.SyntheticDataSpec;
import io.videoseq.data.SyntheticDataWriter;
import io.videoseq.model.GraphOptions;
import io.videoseq.model.ModelConfig;
import io.videoseq.model.TemporalModelFactory;
import org.deeplearning4j.util.ModelSerializer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Two tiny models ("a", seed 1; "b", seed 2) saved as {@code ckpt/best_a.zip} and {@code ckpt/best_b.zip}, and a
 * synthetic data set of 6 features and 3 classes: the members the inference tests score. Initialised, not trained
 * (this module has no trainer): scoring, averaging and saliency do not depend on what the weights learned, and
 * distinct seeds give the two members distinct outputs. DL4J's own writer saves them (a plain model zip, as
 * {@code import-torch} writes), which {@link io.videoseq.model.io.ModelZip} reads.
 *
 * @param data    the features folder ({@code train/val/test_features.h5})
 * @param members the two model zips, a then b
 */
record TwoMembers(Path data, List<Path> members) {

    static final ModelConfig MODEL = ModelConfig.builder().featureDim(6).numClasses(3).hiddenDim(4).numLstmLayers(1)
            .numAttentionHeads(2).headDims(8, 8, 4).build();

    static TwoMembers write(Path tmp) throws IOException {
        Path data = tmp.resolve("data");
        SyntheticDataWriter.write(data, new SyntheticDataSpec(20, 9, 9, 6, 3, 4, 9, "", 5));
        Path ckpt = Files.createDirectories(tmp.resolve("ckpt"));
        Path a = ckpt.resolve("best_a.zip");
        Path b = ckpt.resolve("best_b.zip");
        ModelSerializer.writeModel(TemporalModelFactory.build(MODEL, GraphOptions.defaults().withSeed(1)), a.toFile(),
                false);
        ModelSerializer.writeModel(TemporalModelFactory.build(MODEL, GraphOptions.defaults().withSeed(2)), b.toFile(),
                false);
        return new TwoMembers(data, List.of(a, b));
    }
}
