import io.videoseq.data.FeatureFile;
import io.videoseq.data.ReadMode;
import io.videoseq.data.SequenceBatchIterator;
import io.videoseq.model.MaskedRecurrent;
import io.videoseq.model.ModelConfig;
import io.videoseq.model.PackedBidirectional;
import io.videoseq.training.TrainConfig;
import io.videoseq.training.checkpoint.CheckpointStore;
import io.videoseq.training.eval.Predictor;
import io.videoseq.training.run.Trainer;
import io.videoseq.training.run.TrainingRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Writes the old-checkpoint fixtures for the layer wrappers {@code MaskedRecurrent} and {@code PackedBidirectional}
 * into app/src/test/resources/compat, beside (never over) the files of {@code MakeCompatFixtures}: those are
 * bidirectional and use {@code BiLstm}, so no old file named the wrappers' classes. Run ONCE with the classpath of
 * the version whose files must keep loading; the committed set was written by commit 8d14d6d:
 * <pre>
 *   java -cp "$(cat /work/wt-old/app/target/classpath.txt)" tools/compat/MakeLayerWrapperFixtures.java \
 *       app/src/test/resources/compat
 * </pre>
 * Output, read by {@code LayerWrapperCheckpointsTest}:
 * <ul>
 *   <li>{@code uni_checkpoint_epoch_2.zip}: a 2-epoch run of a unidirectional model on the committed tiny data,
 *       whose LSTM layers are {@code MaskedRecurrent(LSTM)}, as the factory builds them;</li>
 *   <li>{@code packed_bidirectional.zip}: {@code MaskedRecurrent(PackedBidirectional(LSTM))} → per-step softmax,
 *       the LSTM layer of models from before {@code BiLstm} (8d14d6d's factory no longer builds it, so the graph
 *       is made here);</li>
 *   <li>{@code expected_layer_wrappers.json}: their eval-mode outputs and the packed model's input.</li>
 * </ul>
 * It names the wrappers where 8d14d6d had them ({@code io.videoseq.model.MaskedRecurrent}); run with a later
 * classpath it would only pin the current code against itself.
 */
public final class MakeLayerWrapperFixtures {
    /** Real steps of each row of the packed model's input: the second row is padded, so its reversal matters. */
    static final int[] LENGTHS = {5, 3};
    static final int FEATURES = 3;
    static final int STEPS = 5;

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        for (String f : List.of("uni_checkpoint_epoch_2.zip", "packed_bidirectional.zip",
                "expected_layer_wrappers.json")) {
            if (Files.exists(out.resolve(f))) {
                throw new IllegalStateException(out.resolve(f) + " exists: these fixtures are written once");
            }
        }
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("written_by", "videoseq commit 8d14d6d, tools/compat/MakeLayerWrapperFixtures.java");
        expected.put("uni_checkpoint_epoch_2.zip", unidirectional(out));
        expected.put("packed_bidirectional.zip", packed(out));
        new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValue(out.resolve("expected_layer_wrappers.json").toFile(), expected);
    }

    /** Trains on the committed train/val split; returns the test split's probabilities. */
    static double[][] unidirectional(Path out) throws Exception {
        Path work = Files.createTempDirectory("compat-uni");
        Path data = work.resolve("data");
        Files.createDirectories(data);
        for (String split : List.of("train", "val", "test")) {
            Files.copy(out.resolve(split + "_features.h5"), data.resolve(split + "_features.h5"));
        }
        ModelConfig model = new ModelConfig(6, 4, 3, 2, 2, 0.3, false, List.of(8, 8, 4));
        TrainConfig train = TrainConfig.builder().epochs(2).batchSize(8).checkpointEvery(1).keepCheckpoints(2)
                .scheduleT0(2).build();
        Trainer.train(TrainingRequest.of(data, work.resolve("checkpoints"), work.resolve("results"), "uni", model,
                train));
        Path zip = out.resolve("uni_checkpoint_epoch_2.zip");
        Files.copy(new CheckpointStore(work.resolve("checkpoints")).periodicPath("uni", 2), zip);
        ComputationGraph g = ModelSerializer.restoreComputationGraph(zip.toFile(), false);
        try (FeatureFile test = FeatureFile.open(data.resolve("test_features.h5"), ReadMode.IN_MEMORY)) {
            return Predictor.predict(g, SequenceBatchIterator.sequential(test, 4, DataType.FLOAT)).probabilities()
                    .toDoubleMatrix();
        }
    }

    /** Saves the packed graph; returns its input's shape and lengths and its output {@code [2, 2, 5]} in c order. */
    static Map<String, Object> packed(Path out) throws Exception {
        LSTM lstm = new LSTM.Builder().nIn(FEATURES).nOut(4).activation(Activation.TANH)
                .gateActivationFunction(Activation.SIGMOID).build();
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER_UNIFORM).graphBuilder()
                .addInputs("features").setInputTypes(InputType.recurrent(FEATURES))
                .addLayer("lstm_0", new MaskedRecurrent(new PackedBidirectional(lstm)), "features")
                .addLayer("output", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "lstm_0")
                .setOutputs("output").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        Path zip = out.resolve("packed_bidirectional.zip");
        ModelSerializer.writeModel(g, zip.toFile(), false);
        ComputationGraph saved = ModelSerializer.restoreComputationGraph(zip.toFile(), false);
        INDArray y = saved.output(false, new INDArray[]{input()}, new INDArray[]{mask()})[0];
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("features", FEATURES);
        m.put("steps", STEPS);
        m.put("lengths", LENGTHS);
        m.put("shape", y.shape());
        m.put("values", y.dup('c').reshape(y.length()).toDoubleVector());
        return m;
    }

    /** {@code [2, FEATURES, STEPS]} with values sin(0.1 * index), as the test builds it. */
    static INDArray input() {
        INDArray x = Nd4j.create(DataType.FLOAT, LENGTHS.length, FEATURES, STEPS);
        for (long i = 0; i < x.length(); i++) {
            x.putScalar(i, Math.sin(0.1 * i));
        }
        return x;
    }

    /** {@code [2, STEPS]}: 1 for the first {@code LENGTHS[i]} steps of row i, then 0. */
    static INDArray mask() {
        INDArray m = Nd4j.zeros(DataType.FLOAT, LENGTHS.length, STEPS);
        for (int i = 0; i < LENGTHS.length; i++) {
            for (int t = 0; t < LENGTHS[i]; t++) {
                m.putScalar(i, t, 1.0);
            }
        }
        return m;
    }
}
