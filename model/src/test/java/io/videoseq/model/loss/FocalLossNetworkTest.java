package io.videoseq.model.loss;


import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

import java.io.File;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** FocalLoss inside a real DL4J graph: gradient check in double precision, JSON and ModelSerializer round trips. */
class FocalLossNetworkTest {
    private static DataType savedDefault;
    private static DataType savedFloat;

    @BeforeAll
    static void useDouble() {
        savedDefault = Nd4j.dataType();
        savedFloat = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll
    static void restore() {
        Nd4j.setDefaultDataTypes(savedDefault, savedFloat);
    }

    static ComputationGraph graph(FocalLoss loss) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).seed(12345).updater(new NoOp())
                .graphBuilder().addInputs("features")
                .addLayer("dense", new DenseLayer.Builder().nIn(4).nOut(5).activation(Activation.TANH).build(),
                        "features")
                .addLayer("output", new OutputLayer.Builder().nIn(5).nOut(3).activation(Activation.SOFTMAX)
                        .lossFunction(loss).build(), "dense")
                .setOutputs("output").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    private static INDArray labels() {
        return Nd4j.createFromArray(new double[][]{{1, 0, 0}, {0, 0, 1}, {0, 1, 0}});
    }

    /**
     * Central differences with epsilon 1e-6 in double; DL4J's usual limits (max relative error 1e-5, errors
     * below 1e-10 absolute ignored).
     */
    @ParameterizedTest(name = "alpha={0}, mask={1}")
    @CsvSource({"false,false", "true,false", "true,true", "false,true"})
    void gradientCheck(boolean withAlpha, boolean withMask) {
        FocalLoss loss = new FocalLoss(withAlpha ? new double[]{0.7, 2.5, 1.3} : null, 2.0, 0.1);
        ComputationGraph g = graph(loss);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 4).muli(4).subi(2);
        INDArray labelMask = withMask ? Nd4j.createFromArray(new double[][]{{1}, {0}, {1}}) : null;
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(g)
                .inputs(new INDArray[]{x}).labels(new INDArray[]{labels()})
                .labelMask(labelMask == null ? null : new INDArray[]{labelMask})
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-10)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).exitOnFirstError(false));
        assertTrue(ok, "gradient check failed");
    }

    @Test
    void maskedExampleDoesNotChangeTheGradient() {
        ComputationGraph g = graph(new FocalLoss(new double[]{0.7, 2.5, 1.3}, 2.0, 0.1));
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 4);
        INDArray mask = Nd4j.createFromArray(new double[][]{{1}, {0}, {1}});
        g.setLayerMaskArrays(null, new INDArray[]{mask});
        g.setInputs(x);
        g.setLabels(labels());
        g.computeGradientAndScore();
        INDArray masked = g.gradient().gradient().dup();
        INDArray other = x.dup();
        other.getRow(1).assign(7.0);
        g.setInputs(other);
        g.computeGradientAndScore();
        assertEquals(masked, g.gradient().gradient());
        g.clearLayerMaskArrays();
    }

    @Test
    void jsonRoundTripInsideGraphConfiguration() {
        FocalLoss loss = new FocalLoss(new double[]{0.5, 1.5, 3.0}, 1.5, 0.2);
        ComputationGraphConfiguration conf = graph(loss).getConfiguration();
        String json = conf.toJson();
        assertTrue(json.contains(FocalLoss.class.getName()), json);
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(json);
        assertEquals(conf, back);
        assertEquals(loss, outputLoss(back));
        assertEquals(new FocalLoss(), outputLoss(ComputationGraphConfiguration.fromJson(
                graph(new FocalLoss()).getConfiguration().toJson())));
    }

    @Test
    void modelSerializerRoundTrip(@TempDir Path dir) throws Exception {
        FocalLoss loss = new FocalLoss(new double[]{0.5, 1.5, 3.0}, 2.0, 0.1);
        ComputationGraph g = graph(loss);
        File file = dir.resolve("model.zip").toFile();
        ModelSerializer.writeModel(g, file, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file, true);
        assertEquals(loss, outputLoss(restored.getConfiguration()));
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 4);
        MultiDataSet data = new MultiDataSet(new INDArray[]{x}, new INDArray[]{labels()});
        assertEquals(g.score(data), restored.score(data), 1e-12);
    }

    private static FocalLoss outputLoss(ComputationGraphConfiguration conf) {
        var vertex = (org.deeplearning4j.nn.conf.graph.LayerVertex) conf.getVertices().get("output");
        return (FocalLoss) ((OutputLayer) vertex.getLayerConf().getLayer()).getLossFn();
    }
}
