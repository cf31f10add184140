package io.videoseq.video.decode;

import io.videoseq.video.RgbFrame;

/**
 * Receives a video's frames in presentation order with their time, while the video is being decoded
 * ({@link VideoDecoder#decodeTimed}). For every frame {@link #wants} is asked first, with the frame's time only; the
 * pixels of a wanted frame are then given to {@link #accept}, valid only during that call (the array is reused).
 */
public interface TimedFrameConsumer {
    /**
     * @param index   the frame's decoded index (0-based)
     * @param seconds its presentation time in seconds from the start of the file, never decreasing
     * @return whether {@link #accept} should get this frame's pixels
     */
    boolean wants(int index, double seconds);

    void accept(RgbFrame frame, double seconds);
}
