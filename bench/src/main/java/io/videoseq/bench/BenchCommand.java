package io.videoseq.bench;

import io.videoseq.app.UserInputException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import io.videoseq.model.runtime.NativeRuntime;
import io.videoseq.core.json.JsonMappers;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.environment.Nd4jEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code videoseq bench}: training and inference throughput of the production graph on a seeded synthetic batch,
 * optionally side by side with the PyTorch reference ({@code bench/src/main/python/bench_torch.py}) in the same invocation.
 *
 * <p>Prints a few human-readable lines, then, as the last line, one JSON object (keys in {@link BenchReport}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure training and inference sequences/s (median after warm-up) and peak RSS; "
                + "--torch runs the PyTorch reference on the same shapes in the same invocation.")
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ShapeOptions shapeOptions;

    @Option(names = "--steps", defaultValue = "5", description = "timed steps (median reported); default ${DEFAULT-VALUE}")
    int steps;

    @Option(names = "--warmup", defaultValue = "1", description = "untimed steps first, at least; default ${DEFAULT-VALUE}")
    int warmup;

    @Option(names = "--warmup-seconds", defaultValue = "10", description = "untimed steps for at least this long "
            + "first, training and inference each, on both sides (the JVM's compiler settles; bench/RESULTS.md); "
            + "default ${DEFAULT-VALUE}")
    double warmupSeconds;

    @Option(names = "--torch", description = "also run the PyTorch reference and report the ratios")
    boolean torch;

    @Option(names = "--torch-script", description = "bench_torch.py (peak_rss.py beside it; it imports the "
            + "checkout's model/src/test/resources/reference.py); default: bench/src/main/python/bench_torch.py of the "
            + "checkout, looked for from the working directory, then from where the bench classes were loaded")
    Path torchScript;

    @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "Python with torch; default ${DEFAULT-VALUE}")
    Path python;

    @Option(names = "--torch-threads", description = "PyTorch intra-op threads; default: ND4J's OpenMP threads "
            + "(OMP_NUM_THREADS or the number of cores), so both sides use the same")
    Integer torchThreads;

    @Option(names = "--workspace", defaultValue = "ENABLED", description = "DL4J workspace mode for training and "
            + "inference: ${COMPLETION-CANDIDATES}; default ${DEFAULT-VALUE}")
    WorkspaceMode workspace;

    // picocli formats descriptions with String.format: a percent sign is written %%.
    @Option(names = "--gemm-gflops", description = "GEMM ceiling of the machine in GFLOP/s, for the %% of ceiling; "
            + "default: measured at start with ND4J's sgemm (the speed goal was estimated with 65)")
    Double gemmGflops;

    // Overrides for quick tests: the ratios are then not meaningful (PyTorch still runs the named preset).
    @Option(names = "--feature-dim", hidden = true)
    Integer featureDim;
    @Option(names = "--hidden", hidden = true)
    Integer hidden;
    @Option(names = "--layers", hidden = true)
    Integer layers;
    @Option(names = "--heads", hidden = true)
    Integer heads;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        BenchShape shape = shape();
        boolean overridden = featureDim != null || hidden != null || layers != null || heads != null;
        if (gemmGflops == null) {
            gemmGflops = overridden ? GemmCeiling.measureGflops(64, 64, 64, 1) : GemmCeiling.measureGflops();
        }
        if (!(gemmGflops > 0)) {
            throw new UserInputException("bench --gemm-gflops = " + gemmGflops + " is invalid: allowed range (0, ∞)");
        }
        if (steps < 1 || warmup < 0 || !(warmupSeconds >= 0)) {
            throw new UserInputException("bench --steps = " + steps + ", --warmup = " + warmup + ", --warmup-seconds = "
                    + warmupSeconds + " are invalid: allowed --steps >= 1, --warmup >= 0, --warmup-seconds >= 0");
        }
        String loadBefore = LoadAverage.read();
        BenchBatch data = BenchBatch.create(shape, 1L, DataType.FLOAT);
        VideoseqBench bench = VideoseqBench.create(shape, workspace);
        out.printf("videoseq bench: config %s%s, batch %d, mean length %.1f, padded length %d, %d params, "
                        + "workspace %s, load average %s%n", shape.config(), overridden ? " (overridden)" : "",
                data.batchSize(), data.meanLength(), data.timeSteps(), bench.graph().numParams(), workspace, loadBefore);
        NativeRuntime natives = NativeRuntime.current();
        out.println("videoseq native: " + natives.summary());
        out.flush();
        StepTiming train = StepTiming.measure(() -> bench.trainStep(data), warmup, warmupSeconds, steps);
        double loss = bench.lastScore();
        StepTiming infer = StepTiming.measure(() -> bench.inferStep(data), warmup, warmupSeconds, steps);
        double jvmRss = PeakRss.ofThisProcessMiB();
        out.printf("videoseq: train %.3f s/batch (%.2f seq/s), inference %.3f s/batch (%.2f seq/s), peak RSS %.0f MiB%n",
                train.secondsPerBatch(), train.sequencesPerSecond(shape.batch()), infer.secondsPerBatch(),
                infer.sequencesPerSecond(shape.batch()), jvmRss);
        out.flush();

        BenchReport report = new BenchReport();
        report.put("config", shape.config());
        report.put("overridden_shape", overridden);
        report.put("batch", data.batchSize());
        report.put("mean_len", data.meanLength());
        report.put("padded_len", data.timeSteps());
        report.put("params", bench.graph().numParams());
        report.put("omp_threads", Nd4jEnvironment.getEnvironment().getOmpThreads());
        report.put("videoseq_nd4j_variant", natives.nd4jVariant());
        report.put("videoseq_blas_core", natives.blasCore());
        report.put("videoseq_blas_core_source", natives.blasCoreSource());
        report.put("videoseq_malloc_arena_max", natives.mallocArenas());
        report.put("videoseq_openblas_thread_timeout", natives.blasThreadTimeout());
        report.put("workspace", workspace.name());
        report.put("steps", steps);
        report.put("warmup", warmup);
        report.put("warmup_seconds", warmupSeconds);
        report.put("videoseq_train_s_all", train.allSeconds());
        report.put("videoseq_infer_s_all", infer.allSeconds());
        report.put("videoseq_train_s_per_batch", train.secondsPerBatch());
        report.put("videoseq_train_seq_per_s", train.sequencesPerSecond(shape.batch()));
        report.put("videoseq_infer_s_per_batch", infer.secondsPerBatch());
        report.put("videoseq_infer_seq_per_s", infer.sequencesPerSecond(shape.batch()));
        report.put("videoseq_last_score", loss); // DL4J score(): focal loss + the weight-decay term 0.5·wd·||w||²
        report.put("videoseq_peak_rss_mib", jvmRss);
        double trainCeiling = FlopEstimate.trainingCeiling(shape.modelConfig(), data.meanLength(), gemmGflops);
        double inferCeiling = FlopEstimate.inferenceCeiling(shape.modelConfig(), data.meanLength(), gemmGflops);
        report.put("gemm_gflops", gemmGflops);
        report.put("ceiling_train_seq_per_s", trainCeiling);
        report.put("ceiling_infer_seq_per_s", inferCeiling);
        report.put("videoseq_train_pct_of_ceiling", 100 * train.sequencesPerSecond(shape.batch()) / trainCeiling);
        report.put("videoseq_infer_pct_of_ceiling", 100 * infer.sequencesPerSecond(shape.batch()) / inferCeiling);

        if (torch) {
            Path script;
            try {
                script = torchScript != null ? torchScript : TorchBench.locateScript();
            } catch (IllegalArgumentException notFound) {
                throw new UserInputException(notFound.getMessage() + " (give --torch-script PATH)", notFound);
            }
            int threads = torchThreads != null ? torchThreads : Nd4jEnvironment.getEnvironment().getOmpThreads();
            TorchBench.Result t = new TorchBench(python, script).run(shape, steps, warmup, warmupSeconds, threads);
            out.println("pytorch BLAS: " + t.blas().describe());
            out.printf("pytorch (%s, %d threads): train %.3f s/batch (%.2f seq/s), inference %.3f s/batch (%.2f seq/s), "
                            + "peak RSS %.0f MiB%n", t.framework(), t.threads(), t.trainSecondsPerBatch(), t.trainSeqPerS(),
                    t.inferSecondsPerBatch(), t.inferSeqPerS(), t.peakRssMiB());
            report.put("torch_framework", t.framework());
            report.put("torch_threads", t.threads());
            report.put("torch_params", t.params());
            report.put("torch_train_s_per_batch", t.trainSecondsPerBatch());
            report.put("torch_train_seq_per_s", t.trainSeqPerS());
            report.put("torch_infer_s_per_batch", t.inferSecondsPerBatch());
            report.put("torch_infer_seq_per_s", t.inferSeqPerS());
            report.put("torch_peak_rss_mib", t.peakRssMiB());
            report.put("torch_blas_library", t.blas().library());
            report.put("torch_blas_core", t.blas().core());
            report.put("torch_blas_core_source", t.blas().source());
            report.put("torch_blas_fair", t.blas().fair());
            report.put("torch_blas_note", t.blas().note());
            report.put("torch_blas_threads", threads);
            report.put("train_ratio", train.sequencesPerSecond(shape.batch()) / t.trainSeqPerS());
            report.put("infer_ratio", infer.sequencesPerSecond(shape.batch()) / t.inferSeqPerS());
            report.put("rss_ratio", jvmRss / t.peakRssMiB());
        }
        report.put("jvm_options", String.join(" ",
                java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()));
        report.put("load_average_before", loadBefore);
        report.put("load_average_after", LoadAverage.read());
        out.println(report.toJson());
        out.flush();
        return 0;
    }

    /** The JSON object of the last output line; numbers rounded to 4 significant decimals for readability. */
    static final class BenchReport {
        private static final ObjectMapper JSON = JsonMappers.plain();
        private final Map<String, Object> values = new LinkedHashMap<>();

        void put(String key, Object value) {
            if (value instanceof Double d) {
                value = round(d);
            } else if (value instanceof double[] a) {
                value = java.util.Arrays.stream(a).mapToObj(BenchReport::round).toList();
            }
            values.put(key, value);
        }

        private static Double round(double d) {
            return Double.isFinite(d) ? Math.round(d * 1e4) / 1e4 : null;
        }

        String toJson() throws JsonProcessingException {
            return JSON.writeValueAsString(values);
        }
    }

    /** The options as a benchmark shape; a refused value is the user's to fix (exit 2), naming the option. */
    private BenchShape shape() {
        try {
            BenchShape preset = shapeOptions.shape();
            return preset.withModel(featureDim != null ? featureDim : preset.featureDim(),
                    hidden != null ? hidden : preset.hiddenDim(), layers != null ? layers : preset.numLayers(),
                    heads != null ? heads : preset.numHeads());
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
        }
    }
}
