package io.videoseq.bench.probe;

// The pieces of a small training step outside the BiLSTM, one at a time (best of 5 rounds, ms), then whole small
// training steps alternating AdamW on oneDNN ("auto") with libnd4j's adam_updater ("never") in one JVM, so that
// load from other processes hits both alike. Figures: bench/RESULTS.md, "The step outside the BiLSTM".
// Usage: OMP_NUM_THREADS=1 java -Xmx8g -Xmn64m -cp bench/target/classes:$(cat bench/target/classpath.txt) \
//          io.videoseq.bench.probe.StepPartsProbe [rounds, default 20]   (through the launcher's native env: see
//          tools/native/native-env.sh for OPENBLAS_CORETYPE)
import io.videoseq.bench.BenchBatch;
import io.videoseq.bench.BenchShape;
import io.videoseq.bench.VideoseqBench;
import io.videoseq.model.optim.AdamW;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;

public class StepPartsProbe {
    private static final String SWITCH = "videoseq.adamw.onednn";

    private static void time(String name, int reps, Runnable r) {
        for (int i = 0; i < 3; i++) {
            r.run();
        }
        double best = Double.MAX_VALUE;
        for (int k = 0; k < 5; k++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                r.run();
            }
            best = Math.min(best, (System.nanoTime() - t0) / 1e6 / reps);
        }
        System.out.printf("%-48s %8.3f ms%n", name, best);
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Nd4j.getRandom().setSeed(1);
        int n = 5_060_869; // parameters of the small config
        INDArray g0 = Nd4j.rand(DataType.FLOAT, 1, n).subi(0.5), g = g0.dup();
        INDArray m = Nd4j.zeros(DataType.FLOAT, 1, n), v = Nd4j.zeros(DataType.FLOAT, 1, n);
        time("assign 5.06 M (the copy in the next two)", 10, () -> g.assign(g0));
        time("libnd4j adam_updater 5.06 M", 10, () -> {
            g.assign(g0);
            Nd4j.exec(new AdamUpdater(g, v, m, 1e-3, 0.9, 0.999, 1e-8, 3));
        });
        GradientUpdater<?> u = new AdamW(1e-3).instantiate(Nd4j.zeros(DataType.FLOAT, 1, 2 * n), true);
        time("AdamWUpdater (oneDNN when dnnl loads) 5.06 M", 10, () -> {
            g.assign(g0);
            u.applyUpdater(g, 3, 0);
        });
        time("libnd4j sqrt 5.06 M", 10, () -> Transforms.sqrt(v, false));

        INDArray p = Nd4j.rand(DataType.FLOAT, 192, 40, 40), p2 = p.dup();
        time("softmax as 5 ND4J calls [192, 40, 40]", 50, () -> {
            p2.assign(p);
            p2.subi(p2.max(true, 2));
            Transforms.exp(p2, false);
            p2.divi(p2.sum(true, 2));
        });
        time("softmax op [192, 40, 40] (incl. copy)", 50, () -> {
            p2.assign(p);
            Nd4j.exec(new SoftMax(p2, p2, 2));
        });

        BenchShape shape = BenchShape.preset("small", 48, 24, 40);
        VideoseqBench bench = VideoseqBench.create(shape, WorkspaceMode.ENABLED);
        BenchBatch batch = BenchBatch.create(shape, 1, DataType.FLOAT);
        for (int i = 0; i < 3; i++) {
            bench.trainStep(batch);
        }
        String[] modes = {"auto", "never"};
        double[][] ms = new double[2][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < 2; k++) {
                int mode = r % 2 == 0 ? k : 1 - k; // alternate which goes first
                System.setProperty(SWITCH, modes[mode]);
                long t0 = System.nanoTime();
                bench.trainStep(batch);
                ms[mode][r] = (System.nanoTime() - t0) / 1e6;
            }
        }
        System.clearProperty(SWITCH);
        for (int k = 0; k < 2; k++) {
            double[] s = ms[k].clone();
            Arrays.sort(s);
            System.out.printf("small training step, AdamW %-5s: median %.1f ms, best %.1f ms (%d steps)%n", modes[k],
                    s[s.length / 2], s[0], rounds);
        }
    }
}
