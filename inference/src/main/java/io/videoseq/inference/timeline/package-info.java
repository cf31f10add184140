/**
 * Long videos as timelines: each window scored as a clip ({@link io.videoseq.inference.timeline.WindowPrediction},
 * streamed to a {@link io.videoseq.inference.timeline.WindowListener}), adjacent windows made into segments by a
 * documented {@link io.videoseq.inference.timeline.SegmentRule}. Which frames make a window is the video module's
 * concern ({@code io.videoseq.video.window}); scoring is the {@link io.videoseq.inference.Scorer}'s.
 */
package io.videoseq.inference.timeline;
