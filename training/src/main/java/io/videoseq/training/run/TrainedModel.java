package io.videoseq.training.run;

import io.videoseq.training.eval.TestReport;

import java.nio.file.Path;

/**
 * What {@link Trainer#train} returns.
 *
 * @param results        what was written to {@code resultsJson}
 * @param test           the best checkpoint's test report, with its probabilities (for ensembling); null when
 *                       {@code alreadyFinished}
 * @param bestCheckpoint {@code best_{name}.zip}
 * @param resultsJson    {@code {results}/{name}_results.json}
 * @param historyCsv     {@code {results}/{name}_history.csv}
 * @param alreadyFinished a {@code latest} resume found the run finished: nothing was trained or written, and
 *                        {@code results} were read back from {@code resultsJson}
 */
public record TrainedModel(ModelResults results, TestReport test, Path bestCheckpoint, Path resultsJson,
                           Path historyCsv, boolean alreadyFinished) {
}
