/**
 * A run's progress over epochs: one record per epoch, the history written as CSV, and the best epoch so far.
 */
package io.videoseq.training.history;
