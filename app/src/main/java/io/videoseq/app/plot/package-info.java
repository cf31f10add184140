/**
 * The PNG pictures of training and evaluation (training curves and dashboard, confusion matrix, per-class bars,
 * reliability diagram, ROC curves, confidence histogram, saliency strips), drawn with XChart or Java2D and written
 * through {@link io.videoseq.data.io.AtomicFiles}; the numbers behind them come from {@code training.metrics}.
 */
package io.videoseq.app.plot;
