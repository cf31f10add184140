package io.videoseq.video.window;

import io.videoseq.inference.timeline.WindowMoments;
import io.videoseq.inference.timeline.WindowSpec;
import io.videoseq.video.extract.FrameSampling;

/**
 * A model's {@link FrameSampling} (frames per video, multi-scale speeds) laid over the time of sliding windows: the
 * arithmetic is {@link WindowMoments}', which a service without a backbone uses directly.
 */
public record WindowSampling(WindowSpec spec, FrameSampling sampling) {
    public WindowMoments moments() {
        return new WindowMoments(spec, sampling.maxFrames(), sampling.speeds());
    }
}
