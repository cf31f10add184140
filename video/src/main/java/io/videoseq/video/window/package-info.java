/**
 * Long videos: sliding windows ({@link io.videoseq.inference.timeline.WindowSpec}) over a video decoded once in time
 * order, each window's frames chosen by time ({@link io.videoseq.video.window.WindowSampling}), assembled in bounded
 * memory ({@link io.videoseq.video.window.WindowAssembler}) and scored as a clip
 * ({@link io.videoseq.video.window.WindowedVideo}); segments and outputs are the inference module's
 * ({@code io.videoseq.inference.timeline}).
 */
package io.videoseq.video.window;
