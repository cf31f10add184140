/**
 * What a long run shows while it works: per-epoch progress bars or log lines (by terminal), the run's ETA, epoch
 * summaries, and the extraction's per-video lines.
 */
package io.videoseq.app.progress;
