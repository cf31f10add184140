package io.videoseq.model.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

/**
 * The per-step part of {@link BiLstmImpl}, for one direction over the packed layout of {@link BiLstmPacking}:
 * only the recurrent GEMM and the gate math run per step, on the {@code [active, ·]} rows of that step.
 *
 * <p>Why two layouts: GEMMs want pre-activations row-major {@code [rows, 4H]} (gate column blocks g, f, o, i),
 * but ND4J element-wise ops on column blocks of such rows (strided views) cost 4–8× more than on contiguous
 * arrays. So each step copies its {@code [n, 4H]} rows once into a gate-major block {@code [4·n, H]} (gate k =
 * rows {@code k·n .. (k+1)·n-1}) and does all gate math on contiguous arrays; backprop copies the gate-major
 * gradient back to row-major once per step.
 */
final class BiLstmRecurrence {

    /**
     * Forward-pass buffers over the packed rows of both directions: {@code preact [2N, 4H]} (x·W + b on entry),
     * {@code gates [2N·4, H]} (activated gates, gate-major per step: the block of step t of direction d starts
     * at row {@code 4·(d·N + offset[t])}), {@code cells} and {@code tanhCells [2N, H]}, {@code hidden [2N+1, H]}
     * (last row 0).
     */
    record Buffers(INDArray preact, INDArray gates, INDArray cells, INDArray tanhCells, INDArray hidden) {
    }

    private BiLstmRecurrence() {
    }

    /** Rows {@code [from, from+n)} of a c-order matrix: a contiguous view. */
    static INDArray rows(INDArray a, long from, long n) {
        return a.get(interval(from, from + n), all());
    }

    /** Runs direction {@code dir} (0 forward, 1 backward); {@code tmp [batch, H]} is scratch. */
    static void forward(BiLstmPacking p, Buffers b, INDArray rw, int dir, INDArray tmp) {
        long h = rw.size(0);
        long base = (long) dir * p.rows;
        for (int t = 0; t < p.steps && p.active[t] > 0; t++) {
            int n = p.active[t];
            long r0 = base + p.offset[t];
            INDArray z = rows(b.preact(), r0, n);
            if (t > 0) {
                Nd4j.gemm(rows(b.hidden(), base + p.offset[t - 1], n), rw, z, false, false, 1.0, 1.0);
            }
            INDArray a = rows(b.gates(), 4 * r0, 4L * n);
            a.reshape('c', 4, n, h).assign(z.reshape('c', n, 4, h).permute(1, 0, 2));
            INDArray g = rows(a, 0, n);
            Nd4j.exec(new Tanh(g, g));
            INDArray sig = rows(a, n, 3L * n);
            Nd4j.exec(new Sigmoid(sig, sig));
            INDArray c = rows(b.cells(), r0, n);
            rows(a, 3L * n, n).mul(g, c);
            if (t > 0) {
                INDArray fc = rows(tmp, 0, n);
                rows(a, n, n).mul(rows(b.cells(), base + p.offset[t - 1], n), fc);
                c.addi(fc);
            }
            INDArray tc = rows(b.tanhCells(), r0, n);
            Nd4j.exec(new Tanh(c, tc));
            rows(a, 2L * n, n).mul(tc, rows(b.hidden(), r0, n));
        }
    }

    /**
     * Backprop through time of direction {@code dir}: {@code dh [2N, H]} holds dL/dh from the layer output (it is
     * overwritten); writes dL/d(pre-activation) into {@code dz [2N, 4H]} (row-major). Scratch: {@code dhNext},
     * {@code dcNext}, {@code dc [batch, H]}, {@code tmp} and {@code dGates [4·batch, H]}.
     */
    static void backward(BiLstmPacking p, Buffers b, INDArray rw, int dir, INDArray dh, INDArray dz,
            INDArray dhNext, INDArray dcNext, INDArray dc, INDArray tmp, INDArray dGates) {
        long h = rw.size(0);
        long base = (long) dir * p.rows;
        dhNext.assign(0.0);
        dcNext.assign(0.0);
        for (int t = p.steps - 1; t >= 0; t--) {
            int n = p.active[t];
            if (n == 0) {
                continue;
            }
            long r0 = base + p.offset[t];
            INDArray a = rows(b.gates(), 4 * r0, 4L * n);
            INDArray g = rows(a, 0, n), f = rows(a, n, n), o = rows(a, 2L * n, n), i = rows(a, 3L * n, n);
            INDArray d = rows(dGates, 0, 4L * n);
            INDArray dg = rows(d, 0, n);
            INDArray tc = rows(b.tanhCells(), r0, n);
            INDArray dht = rows(dh, r0, n).addi(rows(dhNext, 0, n));
            INDArray dct = rows(dc, 0, n);
            INDArray dcn = rows(dcNext, 0, n);
            INDArray t3 = rows(tmp, 0, 3L * n);
            INDArray t1 = rows(t3, 0, n);
            // dc = dh·o·(1 − tanh²c) + dc from step t+1 (already multiplied by its forget gate)
            dht.mul(o, dct);
            tc.mul(tc, t1).rsubi(1.0);
            dct.muli(t1).addi(dcn);
            dht.mul(tc, rows(d, 2L * n, n));
            if (t > 0) {
                dct.mul(rows(b.cells(), base + p.offset[t - 1], n), rows(d, n, n));
            } else {
                rows(d, n, n).assign(0.0);
            }
            dct.mul(g, rows(d, 3L * n, n));
            dct.mul(i, dg);
            g.mul(g, t1).rsubi(1.0);
            dg.muli(t1);
            INDArray sig = rows(a, n, 3L * n);
            sig.rsub(1.0, t3).muli(sig);
            rows(d, n, 3L * n).muli(t3);
            dct.mul(f, dcn);
            INDArray dzt = rows(dz, r0, n);
            dzt.reshape('c', n, 4, h).assign(d.reshape('c', 4, n, h).permute(1, 0, 2));
            if (t > 0) {
                Nd4j.gemm(dzt, rw, rows(dhNext, 0, n), false, true, 1.0, 0.0);
            }
        }
    }
}
