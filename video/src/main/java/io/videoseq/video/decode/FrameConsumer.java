package io.videoseq.video.decode;

import io.videoseq.video.RgbFrame;

/**
 * Receives decoded frames one at a time, in decoding order, while the video is being decoded. The frame is valid
 * only during {@link #accept}: its pixel array is reused for the next frame (a new full-size array per frame is
 * garbage the collector falls behind on). Reduce each frame (resize, run through a backbone) before returning, or
 * copy it to keep it.
 */
@FunctionalInterface
public interface FrameConsumer {
    void accept(RgbFrame frame);
}
