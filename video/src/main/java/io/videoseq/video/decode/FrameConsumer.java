package io.videoseq.video.decode;

import io.videoseq.video.RgbFrame;

/**
 * Receives decoded frames one at a time, in decoding order, while the video is being decoded. The frame's pixels
 * are the consumer's to keep, but a consumer that keeps full-size frames brings back the memory that streaming
 * avoids: reduce each one (resize, run through a backbone) before returning.
 */
@FunctionalInterface
public interface FrameConsumer {
    void accept(RgbFrame frame);
}
