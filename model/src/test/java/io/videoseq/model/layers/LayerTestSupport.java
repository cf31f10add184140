package io.videoseq.model.layers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.common.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tiny graphs, masks and golden-file access shared by the layer tests. */
final class LayerTestSupport {

    static final double GRAD_EPS = 1e-6;
    static final double GRAD_MAX_REL = 1e-5;
    static final double GRAD_MIN_ABS = 1e-9;

    private LayerTestSupport() {
    }

    static void useDouble() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    /** Mask [b, T]: 1 for t < lengths[i], 0 after. */
    static INDArray mask(int t, int... lengths) {
        INDArray m = Nd4j.zeros(DataType.DOUBLE, lengths.length, t);
        for (int i = 0; i < lengths.length; i++) {
            for (int s = 0; s < lengths[i]; s++) {
                m.putScalar(i, s, 1.0);
            }
        }
        return m;
    }

    /** Graph builder "in" → l0 → … → l{n-1} (layers in order), no updates (NoOp), the given workspace mode. */
    static ComputationGraphConfiguration.GraphBuilder chain(DataType dt, WorkspaceMode mode, long seed,
            Layer... layers) {
        ComputationGraphConfiguration.GraphBuilder gb = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(dt).updater(new NoOp())
                .trainingWorkspaceMode(mode).inferenceWorkspaceMode(mode)
                .graphBuilder().addInputs("in");
        String prev = "in";
        for (int i = 0; i < layers.length; i++) {
            gb.addLayer("l" + i, layers[i], prev);
            prev = "l" + i;
        }
        return gb;
    }

    /**
     * Graph "in" [b, nIn, T] → layers in order → "out". When {@code pooled} the last custom layer yields [b, n]
     * and the output is an OutputLayer, else an RnnOutputLayer (both softmax + MCXENT).
     */
    static ComputationGraph graph(int nIn, int nClasses, boolean pooled, WorkspaceMode mode, long seed,
            Layer... layers) {
        return graph(DataType.DOUBLE, nIn, nClasses, pooled, mode, seed, layers);
    }

    /** The same in data type {@code dt}. */
    static ComputationGraph graph(DataType dt, int nIn, int nClasses, boolean pooled, WorkspaceMode mode, long seed,
            Layer... layers) {
        ComputationGraphConfiguration.GraphBuilder gb = chain(dt, mode, seed, layers);
        String prev = "l" + (layers.length - 1);
        Layer out = pooled
                ? new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nOut(nClasses).build()
                : new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nOut(nClasses).build();
        gb.addLayer("out", out, prev).setOutputs("out").setInputTypes(InputType.recurrent(nIn));
        ComputationGraph g = new ComputationGraph(gb.build());
        g.init();
        return g;
    }

    /** One-hot labels: [b, c] or [b, c, T]. */
    static INDArray labels(long seed, int b, int c, int t) {
        java.util.Random r = new java.util.Random(seed);
        INDArray l = t > 0 ? Nd4j.zeros(DataType.DOUBLE, b, c, t) : Nd4j.zeros(DataType.DOUBLE, b, c);
        for (int i = 0; i < b; i++) {
            if (t > 0) {
                for (int s = 0; s < t; s++) {
                    l.putScalar(new long[] {i, r.nextInt(c), s}, 1.0);
                }
            } else {
                l.putScalar(i, r.nextInt(c), 1.0);
            }
        }
        return l;
    }

    static boolean gradientCheck(ComputationGraph g, INDArray x, INDArray labels, INDArray mask, boolean seqLabels,
            Consumer<ComputationGraph> eachIter) {
        return gradientCheck(g, x, labels, mask, seqLabels, eachIter, java.util.Set.of());
    }

    /** As above, skipping the named params ("vertex_key"); GraphConfig.subset is ignored for graphs in M2.1. */
    static boolean gradientCheck(ComputationGraph g, INDArray x, INDArray labels, INDArray mask, boolean seqLabels,
            Consumer<ComputationGraph> eachIter, java.util.Set<String> exclude) {
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(g)
                .excludeParams(exclude)
                .inputs(new INDArray[] {x}).labels(new INDArray[] {labels})
                .inputMask(mask == null ? null : new INDArray[] {mask})
                .labelMask(mask != null && seqLabels ? new INDArray[] {mask} : null)
                .epsilon(GRAD_EPS).maxRelError(GRAD_MAX_REL).minAbsoluteError(GRAD_MIN_ABS)
                .exitOnFirstError(false).callEachIter(eachIter));
    }

    static JsonNode golden() throws IOException {
        try (InputStream in = LayerTestSupport.class.getResourceAsStream("layer_golden.json")) {
            if (in == null) {
                throw new IOException("test resource io/videoseq/model/layers/layer_golden.json missing");
            }
            return new ObjectMapper().readTree(in);
        }
    }

    /** JSON matrix [out][in] (PyTorch orientation) transposed to DL4J [in, out]. */
    static INDArray transposed(JsonNode m) {
        return matrix(m).transpose().dup('c');
    }

    static INDArray matrix(JsonNode m) {
        double[][] a = new double[m.size()][];
        for (int i = 0; i < m.size(); i++) {
            a[i] = vector(m.get(i));
        }
        return Nd4j.createFromArray(a);
    }

    static double[] vector(JsonNode v) {
        double[] a = new double[v.size()];
        for (int i = 0; i < v.size(); i++) {
            a[i] = v.get(i).asDouble();
        }
        return a;
    }

    static INDArray row(JsonNode v) {
        return Nd4j.createFromArray(new double[][] {vector(v)});
    }

    /** JSON batch-first [b][T][n] → DL4J [b, n, T]. */
    static INDArray sequence(JsonNode x) {
        int b = x.size(), t = x.get(0).size(), n = x.get(0).get(0).size();
        INDArray out = Nd4j.zeros(DataType.DOUBLE, b, n, t);
        for (int i = 0; i < b; i++) {
            for (int s = 0; s < t; s++) {
                for (int k = 0; k < n; k++) {
                    out.putScalar(new long[] {i, k, s}, x.get(i).get(s).get(k).asDouble());
                }
            }
        }
        return out;
    }

    static int[] ints(JsonNode v) {
        int[] a = new int[v.size()];
        for (int i = 0; i < v.size(); i++) {
            a[i] = v.get(i).asInt();
        }
        return a;
    }

    static void assertClose(INDArray expected, INDArray actual, double tol, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        double diff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(diff <= tol, what + ": max abs difference " + diff + " > " + tol);
    }

    /** Output of the graph for {@code x} with feature mask {@code m} (inference). */
    static INDArray output(ComputationGraph g, INDArray x, INDArray m) {
        return g.output(false, new INDArray[] {x}, m == null ? null : new INDArray[] {m})[0];
    }

    /** Config JSON round trip equality and ModelSerializer round trip giving identical outputs. */
    static void assertRoundTrips(ComputationGraph g, INDArray x, INDArray m, Path dir) throws IOException {
        String json = g.getConfiguration().toJson();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(json);
        assertEquals(g.getConfiguration(), back, "configuration JSON round trip");
        assertEquals(json, back.toJson(), "JSON stable after round trip");
        File f = dir.resolve("model.zip").toFile();
        ModelSerializer.writeModel(g, f, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(f, true);
        assertEquals(g.params(), restored.params(), "params after ModelSerializer round trip");
        assertEquals(output(g, x, m), output(restored, x, m), "outputs after ModelSerializer round trip");
        assertTrue(Files.size(f.toPath()) > 0);
    }

    /** Activations of vertex {@code name} (inference) with feature mask {@code m} applied. */
    static INDArray activation(ComputationGraph g, INDArray x, INDArray m, String name, boolean train) {
        g.setLayerMaskArrays(m == null ? null : new INDArray[] {m}, null);
        try {
            return g.feedForward(new INDArray[] {x}, train, false).get(name).dup();
        } finally {
            g.clearLayerMaskArrays();
        }
    }

    /** The part of a sequence activation [b, n, T] for example i and steps [0, len). */
    static INDArray steps(INDArray a, int i, int len) {
        return a.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, len));
    }

    /** Example i, steps [0, len), as a batch of one [1, n, len]. */
    static INDArray alone(INDArray x, int i, int len) {
        return steps(x, i, len).dup().reshape(1, x.size(1), len);
    }
}
