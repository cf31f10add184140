import io.videoseq.data.FeatureFile;
import io.videoseq.data.ReadMode;
import io.videoseq.data.SequenceBatchIterator;
import io.videoseq.data.SyntheticDataSpec;
import io.videoseq.data.SyntheticDataWriter;
import io.videoseq.model.GraphOptions;
import io.videoseq.model.ModelConfig;
import io.videoseq.model.TorchImporter;
import io.videoseq.training.TrainConfig;
import io.videoseq.training.checkpoint.CheckpointStore;
import io.videoseq.training.eval.Predictor;
import io.videoseq.training.run.Trainer;
import io.videoseq.training.run.TrainingRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Writes the old-checkpoint compatibility fixtures (app/src/test/resources/compat): run ONCE with the classpath of
 * the videoseq version whose files must keep loading (a later run would only pin the new code against itself).
 * The committed set was written by commit 8d14d6d:
 * <pre>
 *   git worktree add /tmp/old 8d14d6d && (cd /tmp/old && mvn -q -o package -DskipTests)
 *   java -cp "$(cat /tmp/old/app/target/classpath.txt)" tools/compat/MakeCompatFixtures.java \
 *       app/src/test/resources/parity.h5 app/src/test/resources/compat
 * </pre>
 * (That parity.h5 is now model/src/test/resources/parity.h5, the same file.)
 * Output: tiny data (train/val/test), a 2-epoch run's best and epoch-2 checkpoints (updater state and metadata),
 * an imported PyTorch model, and expected.json with each model's eval-mode probabilities.
 *
 * <p>It names classes where 8d14d6d had them ({@code io.videoseq.model.TorchImporter}, since moved to
 * {@code io.videoseq.model.torch}), so it compiles against that classpath only: it records how the committed files
 * were made and is not part of the current build.
 */
public final class MakeCompatFixtures {
    public static void main(String[] args) throws Exception {
        Path parity = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        Path work = Files.createTempDirectory("compat");
        Path data = work.resolve("data");
        SyntheticDataWriter.write(data, new SyntheticDataSpec(20, 9, 9, 6, 3, 4, 9, "", 5));
        ModelConfig model = new ModelConfig(6, 4, 3, 1, 2, 0.3, true, List.of(8, 8, 4));
        TrainConfig train = TrainConfig.builder().epochs(2).batchSize(8).checkpointEvery(1).keepCheckpoints(2)
                .scheduleT0(2).build();
        Trainer.train(TrainingRequest.of(data, work.resolve("checkpoints"), work.resolve("results"), "tiny", model,
                train));
        for (String split : List.of("train", "val", "test")) {
            Files.copy(data.resolve(split + "_features.h5"), out.resolve(split + "_features.h5"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        CheckpointStore store = new CheckpointStore(work.resolve("checkpoints"));
        Files.copy(store.bestPath("tiny"), out.resolve("best_tiny.zip"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(store.periodicPath("tiny", 2), out.resolve("tiny_checkpoint_epoch_2.zip"),
                StandardCopyOption.REPLACE_EXISTING);
        ComputationGraph imported = TorchImporter.load(parity, GraphOptions.defaults());
        ModelSerializer.writeModel(imported, out.resolve("imported.zip").toFile(), false);

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("written_by", "videoseq commit 8d14d6d, tools/compat/MakeCompatFixtures.java");
        for (String zip : List.of("best_tiny.zip", "tiny_checkpoint_epoch_2.zip")) {
            ComputationGraph g = ModelSerializer.restoreComputationGraph(out.resolve(zip).toFile(), false);
            try (FeatureFile test = FeatureFile.open(out.resolve("test_features.h5"), ReadMode.IN_MEMORY)) {
                INDArray p = Predictor.predict(g, SequenceBatchIterator.sequential(test, 4, DataType.FLOAT))
                        .probabilities();
                expected.put(zip, p.toDoubleMatrix());
            }
        }
        INDArray x = importedInput(TorchImporter.readConfig(parity).featureDim());
        expected.put("imported.zip", imported.output(false, x)[0].toDoubleMatrix());
        new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValue(out.resolve("expected.json").toFile(), expected);
    }

    /** [2, F, 5] with values sin(0.1 * index): the test builds the same input. */
    static INDArray importedInput(int f) {
        INDArray x = Nd4j.create(DataType.FLOAT, 2, f, 5);
        for (long i = 0; i < x.length(); i++) {
            x.putScalar(i, Math.sin(0.1 * i));
        }
        return x;
    }
}
