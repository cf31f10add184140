/**
 * {@code videoseq extract} as a library: the video list (CSV), frame sampling (uniform and multi-scale), one video's
 * features, and the run that writes the split files with the extraction record as their {@code feature_extractor}
 * attribute, resumable through a per-video cache, with skipped videos reported.
 */
package io.videoseq.video.extract;
