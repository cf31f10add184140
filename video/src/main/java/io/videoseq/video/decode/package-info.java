/**
 * Video files to RGB frames, for files from anyone: {@link io.videoseq.video.decode.VideoDecoder} (FFmpeg through
 * JavaCV, frames by decoded index, each handed to a {@link io.videoseq.video.decode.FrameConsumer} as it is decoded),
 * {@link io.videoseq.video.decode.InputFormats} (the demuxers and the one protocol FFmpeg may use),
 * {@link io.videoseq.video.decode.VideoLimits} and {@link io.videoseq.video.decode.VideoDeadline} (pixels per frame,
 * frames per pass, wall time per video). Failures: {@link io.videoseq.video.decode.VideoDecodeException} (one line
 * naming the file; {@link io.videoseq.video.decode.VideoLimitException} for a bound) and
 * {@link io.videoseq.video.decode.DecodeInterruptedException} (the caller interrupted the thread). docs/SECURITY.md,
 * "Video files".
 */
package io.videoseq.video.decode;
