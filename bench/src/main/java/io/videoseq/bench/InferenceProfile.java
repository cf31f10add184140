package io.videoseq.bench;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Where the time of an inference batch goes: {@code graph.output(false, …)} as the bench times it, then every
 * layer's {@code activate(false, …)} alone on the activations a real inference pass produced, and their share of
 * the sum. {@link LayerProfile} does the same for a training step.
 *
 * <pre>
 * java -cp bench/target/classes:$(cat bench/target/classpath.txt) io.videoseq.bench.InferenceProfile --config small --steps 10
 * </pre>
 *
 * <p>Layers run with {@code LayerWorkspaceMgr.noWorkspaces()}, so their allocations are included (the whole
 * {@code output} uses DL4J's workspaces); graph vertices without a layer (merges, masks) are in the difference
 * between the whole pass and the sum of layers. Medians of {@code --steps} after two warm-ups.
 */
@Command(name = "inference-profile", mixinStandardHelpOptions = true,
        description = "Per-layer inference time of the benchmark graph.")
public final class InferenceProfile implements Callable<Integer> {

    @Option(names = "--config", defaultValue = "small", description = "full or small; default ${DEFAULT-VALUE}")
    String config;
    @Option(names = "--batch", defaultValue = "48")
    int batch;
    @Option(names = "--steps", defaultValue = "10")
    int steps;
    @Option(names = "--min-len", defaultValue = "24")
    int minLen;
    @Option(names = "--max-len", defaultValue = "40")
    int maxLen;
    @Option(names = "--layers", defaultValue = "true", negatable = true,
            description = "also time each layer alone (--no-layers: only the whole pass, e.g. under a profiler)")
    boolean layers;

    public static void main(String[] args) {
        System.exit(new CommandLine(new InferenceProfile()).execute(args));
    }

    @Override
    public Integer call() {
        PrintWriter out = new PrintWriter(System.out, true);
        BenchShape shape = BenchShape.preset(config, batch, minLen, maxLen);
        BenchBatch data = BenchBatch.create(shape, 1L, DataType.FLOAT);
        ComputationGraph graph = VideoseqBench.buildGraph(shape, WorkspaceMode.ENABLED, DataType.FLOAT);
        out.printf("inference profile: config %s, batch %d, padded length %d, load average %s%n", config, batch,
                data.timeSteps(), LoadAverage.read());
        INDArray[] features = {data.features()};
        INDArray[] masks = {data.mask()};
        StepTiming whole = StepTiming.measure(() -> graph.output(false, features, masks), 2, steps);
        out.printf("whole graph.output: %.4f s (%.0f seq/s)%n", whole.secondsPerBatch(),
                whole.sequencesPerSecond(batch));
        if (!layers) {
            return 0;
        }
        graph.setLayerMaskArrays(masks, null);
        Map<String, INDArray> acts = graph.feedForward(features, false, false);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        String[] names = new String[graph.getVertices().length];
        double[] secs = new double[names.length];
        double total = 0;
        int n = 0;
        for (int idx : graph.topologicalSortOrder()) {
            GraphVertex v = graph.getVertices()[idx];
            if (!v.hasLayer()) {
                continue;
            }
            Layer layer = v.getLayer();
            INDArray in = acts.get(graph.getVertices()[v.getInputVertices()[0].getVertexIndex()].getVertexName());
            StepTiming f = StepTiming.measure(() -> layer.activate(in, false, mgr), 2, steps);
            names[n] = v.getVertexName() + " (" + layer.getClass().getSimpleName() + ")";
            secs[n++] = f.secondsPerBatch();
            total += f.secondsPerBatch();
        }
        out.printf("%-44s %10s %7s%n", "layer", "s", "share");
        for (int i = 0; i < n; i++) {
            out.printf("%-44s %10.4f %6.1f%%%n", names[i], secs[i], 100 * secs[i] / total);
        }
        out.printf("%-44s %10.4f   (whole output %.4f s: the rest is vertices, masks and workspaces)%n",
                "sum of layers", total, whole.secondsPerBatch());
        graph.clearLayerMaskArrays();
        return 0;
    }
}
