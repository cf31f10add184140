package io.videoseq.app.cli;

import io.videoseq.app.run.ConsoleCallback;
import io.videoseq.app.run.TrainingRunner;
import io.videoseq.training.history.Monitor;
import io.videoseq.training.run.ModelResults;
import io.videoseq.training.run.TrainedModel;
import java.io.PrintWriter;
import java.util.Locale;

/** The lines {@code train} and {@code spark-train} print about a finished model. */
public final class TrainSummary {
    private TrainSummary() {
    }

    public static void print(PrintWriter out, TrainedModel m, TrainingRunner runner) {
        ModelResults r = m.results();
        Monitor monitor = r.trainConfig() == null ? Monitor.VAL_ACC : r.trainConfig().monitored();
        // With another monitor than validation accuracy, say by what the epoch is best and its value.
        String by = monitor.equals(Monitor.VAL_ACC) || r.history() == null
                || r.bestEpoch() < 1 || r.bestEpoch() > r.history().size() ? "" : String.format(Locale.ROOT,
                " by %s %s", monitor.column(), r.history().epochs().get(r.bestEpoch() - 1).value(monitor.column()));
        out.printf(Locale.ROOT, "%s: best epoch %d of %d%s (val acc %.2f%%), %s%n", r.modelName(), r.bestEpoch(),
                r.epochsCompleted(), by, r.bestValAcc(), r.stopReason());
        if (r.test() != null) {
            out.printf(Locale.ROOT, "test: acc %.2f%%  weighted F1 %.2f%%  worst-class F1 %.2f%%   TTA: acc %.2f%%"
                            + "  weighted F1 %.2f%%%n", r.test().accuracy(), r.test().weightedF1(),
                    r.test().worstClassF1(), r.testTta().accuracy(), r.testTta().weightedF1());
        }
        out.println("best checkpoint  " + m.bestCheckpoint());
        out.println("results          " + m.resultsJson());
        out.println("history          " + m.historyCsv());
        out.println("dashboard        " + ConsoleCallback.dashboardPath(runner.resultsDir(), r.modelName()));
        out.println("resource log     " + runner.resourceLog());
        out.flush();
    }
}
