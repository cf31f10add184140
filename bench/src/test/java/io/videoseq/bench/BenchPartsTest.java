package io.videoseq.bench;

import io.videoseq.model.ModelConfig;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchPartsTest {

    @Test
    void torchOutputIsParsed() throws Exception {
        String out = "some log line\n"
                + "{\"framework\": \"pytorch 1.13.0\", \"config\": \"small\", \"batch\": 48, \"threads\": 2, "
                + "\"params\": 5064965, \"train_s_per_batch\": 2.5, \"train_seq_per_s\": 19.2, "
                + "\"infer_s_per_batch\": 1.0, \"infer_seq_per_s\": 48.0}\n"
                + "{\"child_peak_rss_kib\": 1048576, \"returncode\": 0}\n";
        TorchBench.Result r = TorchBench.parse(out);
        assertEquals(19.2, r.trainSeqPerS());
        assertEquals(48.0, r.inferSeqPerS());
        assertEquals(1024.0, r.peakRssMiB());
        assertEquals(2, r.threads());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TorchBench.parse("{\"a\": 1}"));
        assertTrue(e.getMessage().contains("child_peak_rss_kib"), e.getMessage());
    }

    @Test
    void scriptIsFoundFromAnyFolderOfTheCheckout() throws Exception {
        Path root = Files.createTempDirectory("bench-locate");
        Path script = root.resolve("bench/src/main/python/bench_torch.py");
        Files.createDirectories(script.getParent());
        Files.writeString(script, "");
        Path deep = Files.createDirectories(root.resolve("bench/target"));
        assertEquals(script.toAbsolutePath(), TorchBench.locateScript(deep));
        Path elsewhere = Files.createTempDirectory("bench-none");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TorchBench.locateScript(elsewhere));
        assertTrue(e.getMessage().contains("--torch-script"), e.getMessage());
    }

    @Test
    void shippedScriptsAreInTheCheckout() throws Exception {
        // tests run with the module folder (<repo>/bench) as working directory; the scripts are its src/main/python
        Path script = TorchBench.locateScript(Path.of(""));
        assertTrue(Files.isRegularFile(script.resolveSibling("peak_rss.py")));
        assertEquals(script, TorchBench.locateScript(), "working directory first");
        // the fallback for ./videoseq run from another folder: the classes are loaded from inside the checkout
        Path classes = Path.of(TorchBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertEquals(script, TorchBench.locateScript(classes));
        // bench_torch.py imports the one reference.py, the model module's test oracle
        Path reference = null;
        for (Path p = script.getParent(); p != null && reference == null; p = p.getParent()) {
            Path candidate = p.resolve("model/src/test/resources/reference.py");
            reference = Files.isRegularFile(candidate) ? candidate : null;
        }
        assertTrue(reference != null, "no model/src/test/resources/reference.py around " + script);
        assertTrue(Files.readString(script).contains("'model', 'src', 'test', 'resources'"),
                "bench_torch.py looks for reference.py where it is");
    }

    @Test
    void procStatusLineIsParsed() {
        assertEquals(123456L, PeakRss.parseKiB("VmHWM:\t  123456 kB"));
        assertThrows(IllegalArgumentException.class, () -> PeakRss.parseKiB("VmHWM: 12 MB"));
        double mib = PeakRss.ofThisProcessMiB();
        assertTrue(Double.isNaN(mib) || mib > 1, "peak RSS " + mib);
    }

    @Test
    void medianIsUpperMedianAfterWarmup() {
        AtomicInteger calls = new AtomicInteger();
        StepTiming t = StepTiming.measure(calls::incrementAndGet, 2, 3);
        assertEquals(5, calls.get());
        assertEquals(3, t.allSeconds().length);
        double[] sorted = t.allSeconds().clone();
        java.util.Arrays.sort(sorted);
        assertEquals(sorted[1], t.secondsPerBatch());
        assertThrows(IllegalArgumentException.class, () -> StepTiming.measure(() -> { }, 0, 0));
    }

    @Test
    void warmupLastsAtLeastItsSeconds() {
        AtomicInteger calls = new AtomicInteger();
        long start = System.nanoTime();
        StepTiming.measure(() -> {
            calls.incrementAndGet();
            java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
        }, 1, 0.1, 2);
        assertTrue((System.nanoTime() - start) / 1e9 >= 0.1, "warmed up for 0.1 s");
        assertTrue(calls.get() > 3, "more warm-up steps than the count asks: " + calls.get());
        assertThrows(IllegalArgumentException.class, () -> StepTiming.measure(() -> { }, 0, -1.0, 1));
        assertThrows(IllegalArgumentException.class, () -> StepTiming.measure(() -> { }, 0, Double.NaN, 1));
    }

    @Test
    void flopModelReproducesTheCeilingOfTheSpeedGoal() {
        // the speed goal's estimate: ~65 GFLOP/s ⇒ about 16 inference / 5.3 training sequences/s on full,
        // mean length 32
        ModelConfig full = BenchShape.preset("full", 48, 24, 40).modelConfig();
        assertEquals(16.0, FlopEstimate.inferenceCeiling(full, 32, 65), 0.5);
        assertEquals(5.3, FlopEstimate.trainingCeiling(full, 32, 65), 0.2);
    }

    @Test
    void presetsMatchBenchTorch() {
        BenchShape small = BenchShape.preset("small", 48, 24, 40);
        assertEquals(1280, small.featureDim());
        assertEquals(256, small.hiddenDim());
        assertEquals(2, small.numLayers());
        assertEquals(4, small.numHeads());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchShape.preset("small", 48, 24, 40).withModel(8, 4, 1, 3));
        assertTrue(e.getMessage().contains("--heads = 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BenchShape.preset("small", 48, 30, 20));
        assertTrue(e.getMessage().contains("--max-len = 20"), e.getMessage());
    }

    @Test
    void batchIsRightPaddedWithMatchingMask() {
        BenchShape s = BenchShape.preset("small", 5, 2, 6).withModel(3, 4, 1, 2);
        BenchBatch b = BenchBatch.create(s, 7L, DataType.FLOAT);
        BenchBatch again = BenchBatch.create(s, 7L, DataType.FLOAT);
        assertEquals(b.features(), again.features(), "seeded");
        INDArray mask = b.mask();
        long t = b.timeSteps();
        assertArrayEquals(new long[]{5, 3, t}, b.features().shape());
        double sum = 0;
        for (int i = 0; i < 5; i++) {
            int len = 0;
            for (int k = 0; k < t; k++) {
                double m = mask.getDouble(i, k);
                if (m == 1.0) {
                    assertEquals(len, k, "mask of row " + i + " is a prefix");
                    len++;
                } else {
                    for (int c = 0; c < 3; c++) {
                        assertEquals(0.0, b.features().getDouble(i, c, k), "padding is zero");
                    }
                }
            }
            assertTrue(len >= 2 && len <= 6);
            sum += len;
            assertEquals(1.0, b.dataSet().getLabels().getRow(i).sumNumber().doubleValue());
        }
        assertEquals(sum / 5, b.meanLength(), 1e-12);
    }
}
