package io.videoseq.inference.timeline;

/**
 * Told each window of a long video as soon as it is scored, in time order, while the rest of the video is still
 * being read: a service reports progress, or stops early by interrupting the reading thread.
 */
@FunctionalInterface
public interface WindowListener {
    WindowListener NONE = w -> { };

    void window(WindowPrediction window);
}
