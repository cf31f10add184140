package io.videoseq.app.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void logProgressWritesAtMostOneLinePerIntervalAndASummaryPerEpoch() {
        long[] now = {0};
        List<String> lines = new ArrayList<>();
        LogProgress progress = new LogProgress(30, () -> now[0], lines::add);
        progress.epochStarted("m1", 1, 5, 1000);
        for (int batch = 0; batch < 100; batch++) {
            now[0] += 1_000_000_000L; // one batch of 10 sequences per second
            progress.batchDone(10, 0.5);
        }
        assertEquals(3, lines.size(), "100 s at one line per 30 s: " + lines);
        assertTrue(lines.get(0).contains("300/1000 seq"), lines.get(0));
        assertTrue(lines.get(0).contains("10.0 seq/s"), lines.get(0));
        assertTrue(lines.get(0).contains("ETA 1m10s"), lines.get(0));
        progress.epochEnded(summary());
        assertEquals(4, lines.size());
        assertEquals(summary().line(), lines.get(3));
        progress.close();
    }

    private static EpochSummary summary() {
        return new EpochSummary("m1", 3, 15, 0.81234, 0.9, 65.5, 64.0, 41.04, "jump", 9.8e-4, 12.34, 150,
                Double.NaN, true);
    }

    @Test
    void summaryLineHasEveryFieldOnOneLine() {
        String line = summary().line();
        assertEquals(1, line.lines().count());
        for (String part : List.of("[m1] epoch 3/15", "train loss 0.8123", "val loss 0.9000", "acc 65.5%",
                "F1 64.0%", "worst F1 41.0% (jump)", "lr 9.80e-04", "12.3s", "ETA 2m30s", "*best*")) {
            assertTrue(line.contains(part), "missing '" + part + "' in " + line);
        }
        EpochSummary unmeasured = new EpochSummary("m", 1, 2, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, "-", Double.NaN, 1, Double.NaN, Double.NaN, false);
        assertTrue(unmeasured.line().contains("val loss -"), unmeasured.line());
    }

    @Test
    void theBarIsChosenOnlyWhenStderrIsATerminal() {
        try (EpochProgress redirected = EpochProgress.forStderr(false, 30);
             EpochProgress terminal = EpochProgress.forStderr(true, 30)) {
            assertTrue(redirected instanceof LogProgress, redirected.getClass().getName());
            assertTrue(terminal instanceof TerminalProgress, terminal.getClass().getName());
        }
    }

    @Test
    void durationsAndRunEta() {
        assertEquals("12.3s", Durations.format(12.34));
        assertEquals("4m05s", Durations.format(245));
        assertEquals("1h02m", Durations.format(3720));
        assertEquals("-", Durations.format(Double.NaN));
        RunEta eta = new RunEta();
        assertEquals(80.0, eta.epochFinished(1, 5, 20), 1e-9);
        assertEquals(90.0, eta.epochFinished(2, 5, 40), 1e-9);
        assertEquals(0.0, eta.epochFinished(5, 5, 30), 1e-9);
    }

    @Test
    void anEnsembleGetsAnEstimateForAllItsModels() {
        RunEta eta = new RunEta(3);
        eta.modelStarted();
        assertEquals(80.0, eta.epochFinished(1, 5, 20), 1e-9);
        assertEquals(80.0 + 2 * 5 * 20, eta.runSeconds(), 1e-9, "this model's 4 epochs and two more models of 5");
        eta.modelStarted();
        eta.modelStarted();
        assertEquals(0.0, eta.epochFinished(5, 5, 20), 1e-9);
        assertEquals(0.0, eta.runSeconds(), 1e-9, "the last epoch of the last model");
        EpochSummary s = new EpochSummary("m", 1, 5, 0.5, 0.5, 50, 50, 50, "a", 1e-3, 20, 80, 180, false);
        assertTrue(s.line().contains("ETA 1m20s (all models 3m00s)"), s.line());
        assertTrue(!summary().line().contains("all models"), "one model: " + summary().line());
    }
}
