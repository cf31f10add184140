package io.videoseq.training.run;

import io.videoseq.training.eval.TestReport;

import java.nio.file.Path;

/**
 * What {@link Trainer#train} returns.
 *
 * @param results        what was written to {@code resultsJson}
 * @param test           the best checkpoint's test report, with its probabilities (for ensembling)
 * @param bestCheckpoint {@code best_{name}.zip}
 * @param resultsJson    {@code {results}/{name}_results.json}
 * @param historyCsv     {@code {results}/{name}_history.csv}
 */
public record TrainedModel(ModelResults results, TestReport test, Path bestCheckpoint, Path resultsJson,
                           Path historyCsv) {
}
