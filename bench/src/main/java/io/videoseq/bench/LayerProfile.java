package io.videoseq.bench;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Where the time of a training step goes: forward (training mode) and backward time of every layer of the
 * benchmark graph, each measured alone on the activations a real forward pass produced, plus the whole
 * {@code fit}/{@code output} step for comparison, plus the LSTM input GEMM done per time step (as DL4J's LSTM
 * does) versus once for all steps.
 *
 * <pre>
 * java -cp bench/target/classes:$(cat bench/target/classpath.txt) io.videoseq.bench.LayerProfile --config small --steps 3
 * </pre>
 *
 * <p>Each layer runs with {@code LayerWorkspaceMgr.noWorkspaces()}, so allocation costs are included; a layer's
 * backward follows its own forward (DL4J's LSTM recomputes its forward pass inside {@code backpropGradient}, so
 * its "backward" column contains a second forward). The epsilon fed backward is standard-normal noise of the
 * output's shape: timings do not depend on its values. Medians of {@code --steps} after one warm-up.
 */
@Command(name = "layer-profile", mixinStandardHelpOptions = true,
        description = "Per-layer forward/backward time of the benchmark graph.")
public final class LayerProfile implements Callable<Integer> {

    @Mixin
    ShapeOptions shapeOptions;
    @Option(names = "--steps", defaultValue = "3")
    int steps;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LayerProfile()).execute(args));
    }

    @Override
    public Integer call() {
        PrintWriter out = new PrintWriter(System.out, true);
        BenchShape shape = shapeOptions.shape();
        BenchBatch data = BenchBatch.create(shape, 1L, DataType.FLOAT);
        ComputationGraph graph = VideoseqBench.buildGraph(shape, WorkspaceMode.ENABLED, DataType.FLOAT);
        out.printf("layer profile: config %s, batch %d, padded length %d, load average %s%n", shape.config(),
                shape.batch(), data.timeSteps(), LoadAverage.read());

        StepTiming fit = StepTiming.measure(() -> graph.fit(data.dataSet()), 1, steps);
        StepTiming output = StepTiming.measure(() -> graph.output(false, new INDArray[]{data.features()},
                new INDArray[]{data.mask()}), 1, steps);
        out.printf("whole graph: fit %.3f s, output %.3f s%n", fit.secondsPerBatch(), output.secondsPerBatch());

        graph.setLayerMaskArrays(new INDArray[]{data.mask()}, null);
        Map<String, INDArray> acts = graph.feedForward(new INDArray[]{data.features()}, true, false);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        out.printf("%-20s %10s %10s %10s%n", "layer", "fwd s", "bwd s", "params");
        double totalF = 0;
        double totalB = 0;
        for (int idx : graph.topologicalSortOrder()) {
            GraphVertex v = graph.getVertices()[idx];
            if (!v.hasLayer()) {
                continue;
            }
            Layer layer = v.getLayer();
            INDArray in = acts.get(graph.getVertices()[v.getInputVertices()[0].getVertexIndex()].getVertexName());
            INDArray[] outHolder = new INDArray[1];
            StepTiming f = StepTiming.measure(() -> outHolder[0] = layer.activate(in, true, mgr), 1, steps);
            INDArray eps = Nd4j.randn(outHolder[0].dataType(), outHolder[0].shape());
            if (layer instanceof IOutputLayer o) {
                o.setLabels(data.dataSet().getLabels());
            }
            StepTiming b = StepTiming.measure(() -> {
                layer.activate(in, true, mgr);
                layer.backpropGradient(layer instanceof IOutputLayer ? null : eps, mgr);
            }, 1, steps);
            double bwd = Math.max(0, b.secondsPerBatch() - f.secondsPerBatch());
            totalF += f.secondsPerBatch();
            totalB += bwd;
            out.printf("%-20s %10.3f %10.3f %10d%n", v.getVertexName(), f.secondsPerBatch(), bwd, layer.numParams());
        }
        out.printf("%-20s %10.3f %10.3f   (sum of layers; whole fit %.3f s)%n", "total", totalF, totalB,
                fit.secondsPerBatch());
        gemm(out, shape, (int) data.timeSteps());
        out.printf("sgemm 1536x1536x3072: %.1f GFLOP/s%n", GemmCeiling.measureGflops());
        return 0;
    }

    /** The LSTM's input contribution: T GEMMs [b, in]×[in, 4H] (DL4J) versus one [b·T, in]×[in, 4H]. */
    private void gemm(PrintWriter out, BenchShape shape, int t) {
        int in = 2 * shape.hiddenDim();
        int gates = 4 * shape.hiddenDim();
        INDArray w = Nd4j.randn(DataType.FLOAT, in, gates);
        INDArray xs = Nd4j.randn(DataType.FLOAT, shape.batch(), in);
        INDArray xAll = Nd4j.randn(DataType.FLOAT, (long) shape.batch() * t, in);
        INDArray res = Nd4j.create(DataType.FLOAT, shape.batch(), gates);
        StepTiming perStep = StepTiming.measure(() -> {
            for (int s = 0; s < t; s++) {
                Nd4j.gemm(xs, w, res, false, false, 1.0, 0.0);
            }
        }, 1, steps);
        StepTiming hoisted = StepTiming.measure(() -> xAll.mmul(w), 1, steps);
        double flops = 2.0 * shape.batch() * t * in * gates;
        out.printf("input GEMM of one LSTM direction (in %d, 4H %d, T %d): per step %.3f s (%.1f GFLOP/s), "
                        + "all steps at once %.3f s (%.1f GFLOP/s)%n", in, gates, t, perStep.secondsPerBatch(),
                flops / perStep.secondsPerBatch() / 1e9, hoisted.secondsPerBatch(),
                flops / hoisted.secondsPerBatch() / 1e9);
    }
}
