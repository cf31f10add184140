package io.videoseq.app.cli;

import io.videoseq.training.ensemble.EnsembleResults;
import io.videoseq.training.ensemble.EnsembleTrainer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The lines {@code ensemble} and {@code demo} print about a finished ensemble. */
final class EnsembleSummary {
    private EnsembleSummary() {
    }

    static void print(PrintWriter out, EnsembleResults r, Path resultsDir) {
        printMembers(out, r.members());
        out.printf(Locale.ROOT, "ensemble of %d: test acc %.2f%% (TTA %.2f%%), weighted F1 %.2f%% (TTA %.2f%%),"
                        + " %+.2f points over the members' mean (TTA %+.2f)%n", r.numModels(),
                r.ensemble().accuracy(), r.ensembleTta().accuracy(), r.ensemble().weightedF1(),
                r.ensembleTta().weightedF1(), r.improvementOverMean(), r.improvementOverMeanTta());
        out.println("results          " + resultsDir.resolve(EnsembleTrainer.RESULTS_FILE));
    }

    /** One line per member: also all a shard ({@code --members}) prints, having no ensemble to summarise. */
    static void printMembers(PrintWriter out, List<EnsembleResults.Member> members) {
        for (EnsembleResults.Member m : members) {
            out.printf(Locale.ROOT, "%-20s best epoch %3d  val acc %6.2f%%  test acc %6.2f%%  TTA %6.2f%%%n",
                    m.modelName(), m.bestEpoch(), m.bestValAcc(), m.test().accuracy(), m.testTta().accuracy());
        }
    }
}
