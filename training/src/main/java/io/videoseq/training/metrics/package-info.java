/**
 * The numbers of a classification: accuracy, per-class precision, recall and F1, confusion matrix, calibration and
 * ROC, each tested against scikit-learn's; the report, page, history and console read them from here.
 */
package io.videoseq.training.metrics;
