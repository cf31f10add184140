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
import picocli.CommandLine.Mixin;
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

    @Mixin
    ShapeOptions shapeOptions;
    @Option(names = "--steps", defaultValue = "10")
    int steps;
    @Option(names = "--layers", defaultValue = "true", negatable = true,
            description = "also time each layer alone (--no-layers: only the whole pass, e.g. under a profiler)")
    boolean layers;
    @Option(names = "--alternate", description = "PROPERTY=V1,V2,...: time graph.output under each value of a system "
            + "property in turn, --rounds times, in this JVM (a fair comparison on a busy machine)")
    String alternate;
    @Option(names = "--rounds", defaultValue = "5")
    int rounds;

    public static void main(String[] args) {
        System.exit(new CommandLine(new InferenceProfile()).execute(args));
    }

    /** Best and median seconds per batch of each value, rounds alternating so that load hits all alike. */
    private void alternate(PrintWriter out, ComputationGraph graph, INDArray[] features, INDArray[] masks) {
        int batch = shapeOptions.batch;
        int eq = alternate.indexOf('=');
        if (eq < 1) {
            throw new IllegalArgumentException("--alternate: expected PROPERTY=V1,V2,..., found " + alternate);
        }
        String key = alternate.substring(0, eq);
        String[] values = alternate.substring(eq + 1).split(",");
        double[][] secs = new double[values.length][rounds];
        double[][] cpu = new double[values.length][rounds];
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int r = 0; r < rounds; r++) {
            for (int v = 0; v < values.length; v++) {
                System.setProperty(key, values[v]);
                graph.output(false, features, masks);
                long c0 = threads.getCurrentThreadCpuTime();
                secs[v][r] = StepTiming.measure(() -> graph.output(false, features, masks), 0, steps).secondsPerBatch();
                cpu[v][r] = (threads.getCurrentThreadCpuTime() - c0) / 1e9 / steps;
            }
        }
        INDArray[] probs = new INDArray[values.length];
        for (int v = 0; v < values.length; v++) {
            System.setProperty(key, values[v]);
            probs[v] = graph.output(false, features, masks)[0].dup();
        }
        System.clearProperty(key);
        for (int v = 0; v < values.length; v++) {
            double[] sorted = secs[v].clone();
            java.util.Arrays.sort(sorted);
            double[] c = cpu[v].clone();
            java.util.Arrays.sort(c);
            out.printf("%s=%s: best %.4f s (%.0f seq/s), median %.4f s; calling thread's CPU time per batch best "
                    + "%.4f s, median %.4f s (%d rounds of %d batches)%n", key, values[v], sorted[0],
                    batch / sorted[0], sorted[rounds / 2], c[0], c[rounds / 2], rounds, steps);
            out.printf("  max |probability - %s's| = %.3g; same top class in %d of %d%n", values[0],
                    probs[v].sub(probs[0]).amaxNumber().doubleValue(), sameArgmax(probs[0], probs[v]), batch);
        }
    }

    private static int sameArgmax(INDArray a, INDArray b) {
        INDArray ia = a.argMax(1), ib = b.argMax(1);
        int n = 0;
        for (long i = 0; i < ia.length(); i++) {
            n += ia.getLong(i) == ib.getLong(i) ? 1 : 0;
        }
        return n;
    }

    @Override
    public Integer call() {
        PrintWriter out = new PrintWriter(System.out, true);
        BenchShape shape = shapeOptions.shape();
        BenchBatch data = BenchBatch.create(shape, 1L, DataType.FLOAT);
        ComputationGraph graph = VideoseqBench.buildGraph(shape, WorkspaceMode.ENABLED, DataType.FLOAT);
        out.printf("inference profile: config %s, batch %d, padded length %d, load average %s%n", shape.config(),
                shape.batch(), data.timeSteps(), LoadAverage.read());
        INDArray[] features = {data.features()};
        INDArray[] masks = {data.mask()};
        if (alternate != null) {
            alternate(out, graph, features, masks);
            return 0;
        }
        StepTiming whole = StepTiming.measure(() -> graph.output(false, features, masks), 2, steps);
        out.printf("whole graph.output: %.4f s (%.0f seq/s)%n", whole.secondsPerBatch(),
                whole.sequencesPerSecond(shape.batch()));
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
