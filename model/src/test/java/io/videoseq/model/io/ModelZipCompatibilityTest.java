package io.videoseq.model.io;

import io.videoseq.model.GraphOptions;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.videoseq.model.io.ModelZipFixtures.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * {@link ModelZip} builds the same graph as DL4J's {@code ModelSerializer.restoreComputationGraph}, to the bit,
 * for every kind of file videoseq writes: trained graphs with updater state, and imported PyTorch models.
 */
class ModelZipCompatibilityTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void trainedTemporalModelWithUpdaterStateIsBitIdentical(DataType dt) throws Exception {
        ComputationGraph g = ModelZipFixtures.trainedTiny(dt, 3);
        Path file = dir.resolve("model.zip");
        ModelSerializer.writeModel(g, file.toFile(), true);
        INDArray x = ModelZipFixtures.features(dt, 99);
        INDArray m = ModelZipFixtures.mask(dt);

        ComputationGraph dl4j = ModelSerializer.restoreComputationGraph(file.toFile(), true);
        ComputationGraph ours = ModelZip.load(file, true);
        assertBitIdentical(dl4j, ours, true, x, m);
        assertBitIdentical(g, ours, true, x, m);
        assertEquals(3, ours.getIterationCount());

        ComputationGraph dl4jInference = ModelSerializer.restoreComputationGraph(file.toFile(), false);
        ComputationGraph oursInference = ModelZip.load(file, false);
        assertBitIdentical(dl4jInference, oursInference, false, x, m);
    }

    @Test
    void resumedTrainingContinuesBitIdentically() throws Exception {
        ComputationGraph g = ModelZipFixtures.trainedTiny(DataType.DOUBLE, 2);
        Path file = dir.resolve("model.zip");
        ModelSerializer.writeModel(g, file.toFile(), true);
        ComputationGraph dl4j = ModelSerializer.restoreComputationGraph(file.toFile(), true);
        ComputationGraph ours = ModelZip.load(file, true);
        for (ComputationGraph c : new ComputationGraph[]{dl4j, ours}) {
            Nd4j.getRandom().setSeed(11);
            c.fit(new org.nd4j.linalg.dataset.MultiDataSet(
                    new INDArray[]{ModelZipFixtures.features(DataType.DOUBLE, 8)},
                    new INDArray[]{Nd4j.eye(3).castTo(DataType.DOUBLE)},
                    new INDArray[]{ModelZipFixtures.mask(DataType.DOUBLE)}, null));
        }
        assertBitIdentical(dl4j, ours, true, ModelZipFixtures.features(DataType.DOUBLE, 9),
                ModelZipFixtures.mask(DataType.DOUBLE));
    }

    @Test
    void stockDl4jGraphIsBitIdentical() throws Exception {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(7)
                .updater(new Nesterovs(0.1, 0.9)).dataType(DataType.DOUBLE).graphBuilder().addInputs("in")
                .addLayer("dense", new DenseLayer.Builder().nIn(3).nOut(4).activation(Activation.TANH).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).nIn(4).nOut(2).build(), "dense")
                .setOutputs("out").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 5, 3);
        g.fit(new DataSet(x, Nd4j.eye(2).getRows(0, 1, 0, 1, 0)));
        Path file = dir.resolve("stock.zip");
        ModelSerializer.writeModel(g, file.toFile(), true);
        assertBitIdentical(ModelSerializer.restoreComputationGraph(file.toFile(), true), ModelZip.load(file, true),
                true, x, null);
    }
}
